import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { corpusBleu, corpusChrf } from '../metrics';
import { Translator } from '../translate';
import { UsageError } from './errors';
import { type CliIo, defaultModelDir } from './io';
import { intFlag, layoutFlag, MODEL_FLAGS } from './options';

export const EVAL_HELP = `Usage: seq2seq-lens eval --source FILE --reference FILE [options]

Translates each line of the source file and scores the output against the reference file with
chrF (character 6-grams, β = 2) and BLEU (13a tokenization), as sacreBLEU defines them.

Options:
  --model DIR          model folder (default: the embedded demo model)
  --beams N            beam count; 1 = greedy (default: generation_config.json)
  --max-new-tokens N   maximum generated tokens per segment
  --batch N            segments per batch (default: 16)
  --limit N            score only the first N segments
  --copy-baseline      score the source itself as the output (no model is loaded)
  --output FILE        also write the translations, one per line
  --json               print the scores as JSON
`;

async function readLines(path: string, flag: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --${flag} ${path}: ${(error as Error).message}`);
  }
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Runs `eval`; returns the exit code. */
export async function runEval(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...MODEL_FLAGS,
      source: { type: 'string' },
      reference: { type: 'string' },
      batch: { type: 'string' },
      limit: { type: 'string' },
      'copy-baseline': { type: 'boolean' },
      output: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (values.help) {
    io.stdout.write(EVAL_HELP);
    return 0;
  }
  if (!values.source || !values.reference) throw new UsageError('Missing --source or --reference: both files are required.');

  let sources = await readLines(values.source, 'source');
  let references = await readLines(values.reference, 'reference');
  if (sources.length !== references.length) {
    throw new UsageError(`Line counts differ: --source has ${sources.length}, --reference has ${references.length}.`);
  }
  const limit = intFlag('limit', values.limit, 1);
  if (limit !== undefined) {
    sources = sources.slice(0, limit);
    references = references.slice(0, limit);
  }
  const batch = intFlag('batch', values.batch, 1) ?? 16;
  const start = performance.now();

  let hypotheses: string[];
  let system = 'copy of the source';
  if (values['copy-baseline']) {
    hypotheses = sources;
  } else {
    const translator = await Translator.load(values.model ?? defaultModelDir(), {
      precision: values.precision,
      decoderLayout: layoutFlag(values['decoder-layout']),
    });
    try {
      const options = { numBeams: intFlag('beams', values.beams, 1), maxNewTokens: intFlag('max-new-tokens', values['max-new-tokens'], 1) };
      hypotheses = [];
      for (let i = 0; i < sources.length; i += batch) {
        const { results } = await translator.translate({ texts: sources.slice(i, i + batch), options });
        hypotheses.push(...results.map((result) => result.text));
      }
      system = `${translator.summary.id}, beams ${options.numBeams ?? 'from generation_config.json'}`;
    } finally {
      await translator.dispose();
    }
  }

  if (values.output) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(values.output, `${hypotheses.join('\n')}\n`);
  }
  const chrf = corpusChrf(hypotheses, [references]);
  const bleu = corpusBleu(hypotheses, [references]);
  const seconds = (performance.now() - start) / 1000;

  if (values.json) {
    io.stdout.write(`${JSON.stringify({ system, segments: sources.length, chrf: chrf.score, bleu: bleu.score, bp: bleu.bp, seconds }, null, 2)}\n`);
  } else {
    io.stdout.write(`${system}: chrF ${chrf.score.toFixed(2)}  BLEU ${bleu.score.toFixed(2)}  (${sources.length} segments, ${seconds.toFixed(1)} s)\n`);
  }
  return 0;
}
