/**
 * Times greedy generation with @huggingface/transformers on a model folder and prints JSON on stdout.
 * It runs in its own process because transformers.js loads its own onnxruntime-node build, which cannot
 * share a process with the project's.
 *
 * Usage: node --import tsx bench/transformers-js.child.ts DIR TEXT NEW_TOKENS RUNS
 */
import { basename, dirname } from 'node:path';

async function main(): Promise<void> {
  const [dir, text, newTokens, runs] = process.argv.slice(2);
  const transformers = await import('@huggingface/transformers');
  transformers.env.allowRemoteModels = false;
  transformers.env.localModelPath = `${dirname(dir)}/`;
  const id = basename(dir);

  const tokenizer = await transformers.AutoTokenizer.from_pretrained(id);
  const model = await transformers.AutoModelForSeq2SeqLM.from_pretrained(id, { dtype: 'fp32', device: 'cpu' });
  try {
    const inputs = tokenizer(text);
    const results: { totalMs: number; ids: number[] }[] = [];
    for (let run = 0; run < Number(runs) + 2; run++) {
      const start = performance.now();
      const output = (await model.generate({
        ...inputs,
        max_new_tokens: Number(newTokens),
        min_new_tokens: Number(newTokens),
        do_sample: false,
        num_beams: 1,
      })) as { tolist(): bigint[][] };
      const totalMs = performance.now() - start;
      // The first two runs warm up.
      if (run >= 2) results.push({ totalMs, ids: output.tolist()[0].map(Number).slice(1) });
    }
    process.stdout.write(JSON.stringify(results));
  } finally {
    await model.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
