import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { traceToJson, type Captured, type Trace } from '../protocol/trace';
import { Translator } from '../translate';
import { UsageError } from './errors';
import { type CliIo, defaultModelDir, readSegments } from './io';
import { intFlag, layoutFlag, MODEL_FLAGS, numberFlag } from './options';

export const TRACE_HELP = `Usage: seq2seq-lens trace [options] TEXT

Translates one segment and records a trace: encoder and decoder attention per layer and head,
feed-forward activations, the top candidates and every beam at each step (format: src/protocol/trace.ts).

Options:
  --model DIR              model folder (default: the embedded demo model)
  --precision NAME         graph precision suffix (default: fp32)
  --decoder-layout NAME    merged, split or no-cache
  --beams N                beam count; 1 = greedy (default: generation_config.json)
  --max-new-tokens N       maximum generated tokens
  --length-penalty X       beam search length exponent
  --no-repeat-ngram-size N forbid repeated n-grams of this size
  --top-k K                candidates recorded per beam and step (default: 5)
  --top-neurons N          feed-forward neurons recorded per token and layer (default: 8)
  --full-activations       also record whole feed-forward vectors (large)
  --out FILE               write the trace JSON to FILE (default: stdout)
`;

function describe(name: string, captured: Captured<unknown>): string {
  return captured.available ? `${name}: ${captured.layers.length} layers` : `${name}: not available (${captured.reason})`;
}

/** One-paragraph summary of a trace for the terminal. */
export function summarizeTrace(trace: Trace): string {
  const best = trace.hypotheses[0];
  return [
    `source: ${trace.source.tokens.length} tokens`,
    `output: ${best?.text ?? ''} (${best?.tokens.length ?? 0} tokens, score ${best?.score.toFixed(4) ?? 'n/a'})`,
    `steps: ${trace.steps.length}, beams: ${trace.options.numBeams}`,
    describe('encoder self-attention', trace.encoderSelfAttention),
    describe('decoder self-attention', trace.final.decoderSelfAttention),
    describe('cross-attention', trace.final.crossAttention),
    describe('encoder feed-forward', trace.encoderFfn),
    describe('decoder feed-forward', trace.final.ffn),
  ].join('\n');
}

/** Runs `trace`; returns the exit code. */
export async function runTrace(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...MODEL_FLAGS,
      'top-k': { type: 'string' },
      'top-neurons': { type: 'string' },
      'full-activations': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout.write(TRACE_HELP);
    return 0;
  }

  const capture = {
    topK: intFlag('top-k', values['top-k'], 1) ?? 5,
    topNeurons: intFlag('top-neurons', values['top-neurons'], 1) ?? 8,
    fullActivations: values['full-activations'] ?? false,
  };
  const options = {
    numBeams: intFlag('beams', values.beams, 1),
    maxNewTokens: intFlag('max-new-tokens', values['max-new-tokens'], 1),
    lengthPenalty: numberFlag('length-penalty', values['length-penalty']),
    noRepeatNgramSize: intFlag('no-repeat-ngram-size', values['no-repeat-ngram-size'], 0),
  };
  const texts = await readSegments(positionals, io);
  if (texts.length !== 1) throw new UsageError(`Expected one segment to trace, found ${texts.length}: pass TEXT as an argument.`);

  const translator = await Translator.load(values.model ?? defaultModelDir(), {
    precision: values.precision,
    decoderLayout: layoutFlag(values['decoder-layout']),
  });
  try {
    for (const warning of translator.warnings) io.stderr.write(`warning: ${warning}\n`);
    const response = await translator.translate({ texts, options, capture });
    const trace = response.results[0].trace!;
    const json = traceToJson(trace);

    if (values.out) {
      await writeFile(values.out, json);
      io.stdout.write(`${summarizeTrace(trace)}\ntrace: ${values.out} (${(json.length / 1e6).toFixed(2)} MB)\n`);
    } else {
      io.stdout.write(`${json}\n`);
    }
    return 0;
  } finally {
    await translator.dispose();
  }
}
