/**
 * Capture benchmark on the opus-mt-sized model: the same translation with capture off and on, for greedy
 * and beam 4, the time to instrument the merged decoder (parse, locate, add outputs), and the size of a
 * trace for 64 source × 64 target tokens.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { instrumentWithLocator } from '../src/capture';
import { traceToJson } from '../src/protocol/trace';
import { Translator } from '../src/translate';
import { BENCH_SOURCE, ensureBenchModel } from './bench-model';
import { median, ms, ratio, repeat, table } from './stats';

const RUNS = 5;
const NEW_TOKENS = 32;
const CAPTURE = { topK: 5, topNeurons: 8, fullActivations: false };

export default async function captureBench(): Promise<string> {
  const dir = ensureBenchModel();

  // Instrumentation time of the largest graph.
  const mergedPath = join(dir, 'onnx', 'decoder_model_merged.onnx');
  const mergedBytes = new Uint8Array(readFileSync(mergedPath));
  const instrumentMs = await repeat(RUNS, 1, async () => {
    const start = performance.now();
    instrumentWithLocator(mergedBytes, 'decoder-merged');
    return performance.now() - start;
  });

  const translator = await Translator.load(dir);
  const rows: string[][] = [];
  const ratios: string[] = [];
  let traceMb: number;
  let traceTokens: string;
  try {
    for (const numBeams of [1, 4]) {
      const options = { numBeams, maxNewTokens: NEW_TOKENS, minLength: NEW_TOKENS + 1 };
      const measure = (capture: boolean) =>
        repeat(RUNS, 1, async () => {
          const start = performance.now();
          await translator.translate({ texts: [BENCH_SOURCE], options, capture: capture ? CAPTURE : false });
          return performance.now() - start;
        });
      const off = median(await measure(false));
      const on = median(await measure(true));
      const name = numBeams === 1 ? 'greedy' : `beam ${numBeams}`;
      rows.push([name, ms(off), ms(on), ratio(on / off)]);
      ratios.push(`${name} ${ratio(on / off)}`);
    }

    // Trace size at 64 × 64 tokens with beam 4: a source of 64 tokens and exactly 64 generated tokens.
    let source = BENCH_SOURCE;
    while (translator.model.tokenizer.encode(source).length < 64) source += ` ${BENCH_SOURCE}`;
    const ids = translator.model.tokenizer.encode(source).slice(0, 63);
    const text = translator.model.tokenizer.decode(ids);
    const { results } = await translator.translate({
      texts: [text],
      options: { numBeams: 4, maxNewTokens: 64, minLength: 65 },
      capture: CAPTURE,
    });
    const trace = results[0].trace!;
    traceMb = traceToJson(trace).length / 1e6;
    traceTokens = `${trace.source.tokens.length} source × ${trace.hypotheses[0].tokens.length} target tokens`;
  } finally {
    await translator.dispose();
  }

  return [
    '### Capture: attention and activations on the opus-mt-sized model',
    '',
    `Same model and input as the runtime benchmark, exactly ${NEW_TOKENS} generated tokens, top-${CAPTURE.topK} candidates and`,
    `top-${CAPTURE.topNeurons} neurons recorded. Median of ${RUNS} runs after a warm-up run.`,
    '',
    table(['decoding', 'capture off ms', 'capture on ms', 'on / off'], rows),
    '',
    `- Capture on over off: ${ratios.join(', ')} (target ≤ 1.25×).`,
    `- Instrumenting decoder_model_merged.onnx (${(mergedBytes.length / 1e6).toFixed(0)} MB: parse, locate, add outputs): ${ms(median(instrumentMs))} ms.`,
    `- Trace JSON for ${traceTokens}, beam 4, 6+6 layers, 8 heads: ${traceMb.toFixed(1)} MB (limit 30 MB).`,
  ].join('\n');
}
