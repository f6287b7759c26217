import { parseArgs } from 'node:util';
import { Translator } from '../translate';
import { UsageError } from './errors';
import { type CliIo, defaultModelDir, readSegments } from './io';
import { intFlag, layoutFlag, MODEL_FLAGS, numberFlag } from './options';

export const TRANSLATE_HELP = `Usage: seq2seq-lens translate [options] [TEXT]

Translates TEXT, or each non-empty line of stdin, with a local ONNX encoder-decoder model.

Options:
  --model DIR              model folder (default: the embedded demo model, English→French)
  --precision NAME         graph precision suffix: fp32 (default), quantized, int8, uint8, fp16, q4, …
  --decoder-layout NAME    merged, split or no-cache (default: the best one the folder has)
  --beams N                beam count; 1 = greedy (default: generation_config.json)
  --max-new-tokens N       maximum generated tokens per segment
  --length-penalty X       beam search length exponent
  --no-repeat-ngram-size N forbid repeated n-grams of this size
  --n-best N               print the N best hypotheses per segment (needs --beams ≥ N)
  --json                   print JSON: results with token ids and scores, and run statistics
`;

/** Runs `translate`; returns the exit code. */
export async function runTranslate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...MODEL_FLAGS, 'n-best': { type: 'string' }, json: { type: 'boolean' } },
  });
  if (values.help) {
    io.stdout.write(TRANSLATE_HELP);
    return 0;
  }

  const nBest = intFlag('n-best', values['n-best'], 1);
  const options = {
    numBeams: intFlag('beams', values.beams, 1),
    maxNewTokens: intFlag('max-new-tokens', values['max-new-tokens'], 1),
    lengthPenalty: numberFlag('length-penalty', values['length-penalty']),
    noRepeatNgramSize: intFlag('no-repeat-ngram-size', values['no-repeat-ngram-size'], 0),
    numReturnSequences: nBest,
  };
  const texts = await readSegments(positionals, io);
  if (texts.length === 0) throw new UsageError('Missing text: pass TEXT or pipe lines on stdin.');

  const translator = await Translator.load(values.model ?? defaultModelDir(), {
    precision: values.precision,
    decoderLayout: layoutFlag(values['decoder-layout']),
  });
  try {
    for (const warning of translator.warnings) io.stderr.write(`warning: ${warning}\n`);
    const response = await translator.translate({ texts, options });

    if (values.json) {
      io.stdout.write(`${JSON.stringify({ model: translator.summary, results: response.results, stats: response.stats }, null, 2)}\n`);
      return 0;
    }
    for (const result of response.results) {
      if (nBest === undefined) {
        io.stdout.write(`${result.text}\n`);
        continue;
      }
      result.nBest.forEach((hypothesis, rank) => io.stdout.write(`${rank + 1}\t${hypothesis.score.toFixed(4)}\t${hypothesis.text}\n`));
    }
    return 0;
  } finally {
    await translator.dispose();
  }
}
