/**
 * Runtime benchmark on the opus-mt-sized model: end-to-end greedy and beam 4 against the time spent in
 * ONNX Runtime (the floor), beam 4 against greedy per output token, and greedy against
 * @huggingface/transformers on the same folder, input and token count.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Translator } from '../src/translate';
import { ensureBenchModel, BENCH_SOURCE } from './bench-model';
import { median, ms, ratio, repeat, table } from './stats';

const RUNS = 7;
const NEW_TOKENS = 32;

/** EOS is blocked until NEW_TOKENS tokens exist so every run generates the same count. */
const FIXED_LENGTH = { maxNewTokens: NEW_TOKENS, minLength: NEW_TOKENS + 1 };

async function ours(dir: string) {
  const translator = await Translator.load(dir);
  try {
    const run = (numBeams: number) =>
      repeat(RUNS, 2, async () => {
        const { stats, results } = await translator.translate({ texts: [BENCH_SOURCE], options: { ...FIXED_LENGTH, numBeams } });
        return { totalMs: stats.totalMs, ortMs: stats.ortMs, tokens: results[0].tokenIds.length, ids: results[0].tokenIds };
      });
    return { greedy: await run(1), beam: await run(4) };
  } finally {
    await translator.dispose();
  }
}

/** Runs transformers.js in a child process: its own onnxruntime-node build cannot load next to ours. */
function transformersJs(dir: string): { totalMs: number; ids: number[]; tokens: number }[] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'transformers-js.child.ts'), dir, BENCH_SOURCE, String(NEW_TOKENS), String(RUNS)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`transformers.js run failed (exit ${child.status}): ${child.stderr}`);
  const runs = JSON.parse(child.stdout) as { totalMs: number; ids: number[] }[];
  return runs.map((run) => ({ ...run, tokens: run.ids.length }));
}

export default async function runtimeBench(): Promise<string> {
  const dir = ensureBenchModel();
  const { greedy, beam } = await ours(dir);
  const reference = transformersJs(dir);

  const greedyMs = median(greedy.map((r) => r.totalMs));
  const greedyOrt = median(greedy.map((r) => r.ortMs));
  const beamMs = median(beam.map((r) => r.totalMs));
  const beamOrt = median(beam.map((r) => r.ortMs));
  const referenceMs = median(reference.map((r) => r.totalMs));
  const greedyPerToken = greedyMs / greedy[0].tokens;
  const beamPerToken = beamMs / beam[0].tokens;
  const sameTokens = JSON.stringify(reference[0].ids) === JSON.stringify(greedy[0].ids);

  const rows = [
    ['greedy, Seq2Seq Lens', ms(greedyMs), ms(greedyOrt), ratio(greedyMs / greedyOrt), greedy[0].tokens, ms(greedyPerToken)],
    ['beam 4, Seq2Seq Lens', ms(beamMs), ms(beamOrt), ratio(beamMs / beamOrt), beam[0].tokens, ms(beamPerToken)],
    ['greedy, @huggingface/transformers', ms(referenceMs), '–', '–', reference[0].tokens, ms(referenceMs / reference[0].tokens)],
  ];
  return [
    '### Runtime: decoding on the opus-mt-sized model',
    '',
    `Random Marian model (d_model 512, 6+6 layers, 8 heads, vocab 58,101), merged decoder, fp32, one ${BENCH_SOURCE.split(' ').length}-word source,`,
    `exactly ${NEW_TOKENS} generated tokens (EOS blocked until then). Median of ${RUNS} runs after 2 warm-up runs.`,
    '',
    table(['run', 'total ms', 'ORT run ms', 'total / ORT', 'tokens', 'ms / token'], rows),
    '',
    `- End-to-end over the ONNX Runtime floor: greedy ${ratio(greedyMs / greedyOrt)}, beam 4 ${ratio(beamMs / beamOrt)} (target ≤ 1.05×).`,
    `- Beam 4 over greedy per output token: ${ratio(beamPerToken / greedyPerToken)} (target ≤ 1.6×).`,
    `- Greedy, ours over @huggingface/transformers: ${ratio(greedyMs / referenceMs)} (target ≤ 0.8×); same tokens: ${sameTokens ? 'yes' : 'no'}.`,
  ].join('\n');
}
