// Run ONNX files in onnxruntime-node and compare their outputs with expected values.
//
// Usage: node tools/marian/run_onnx_cases.mjs CASES.json
// CASES.json is a list of { file, feeds, expected }, where feeds and expected map a tensor name
// to { type: "float32" | "int64" | "bool", dims: number[], data: number[] | boolean[] }.
// Prints a JSON list of { file, branch, outputs, maxAbsDiff } to stdout. Exits with 1 when an
// expected output is missing or has other dims.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');

function toOrtTensor(spec) {
  if (spec.type === 'float32') return new ort.Tensor('float32', Float32Array.from(spec.data), spec.dims);
  if (spec.type === 'int64') return new ort.Tensor('int64', BigInt64Array.from(spec.data.map(BigInt)), spec.dims);
  if (spec.type === 'bool') return new ort.Tensor('bool', Uint8Array.from(spec.data.map(Number)), spec.dims);
  throw new Error(`unsupported tensor type ${JSON.stringify(spec.type)}; use float32, int64 or bool`);
}

function maxAbsDiff(name, actual, expected) {
  const dims = Array.from(actual.dims);
  if (JSON.stringify(dims) !== JSON.stringify(expected.dims)) {
    throw new Error(`output ${name} has dims ${JSON.stringify(dims)}, expected ${JSON.stringify(expected.dims)}`);
  }
  let worst = 0;
  for (let i = 0; i < expected.data.length; i += 1) {
    worst = Math.max(worst, Math.abs(Number(actual.data[i]) - expected.data[i]));
  }
  return worst;
}

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const testCase of cases) {
  const session = await ort.InferenceSession.create(testCase.file);
  try {
    const feeds = {};
    for (const [name, spec] of Object.entries(testCase.feeds)) feeds[name] = toOrtTensor(spec);
    const outputs = await session.run(feeds);
    let worst = 0;
    for (const [name, spec] of Object.entries(testCase.expected)) {
      if (!(name in outputs)) throw new Error(`${testCase.file} has no output ${name}`);
      worst = Math.max(worst, maxAbsDiff(name, outputs[name], spec));
    }
    const branch = 'use_cache_branch' in testCase.feeds ? `use_cache_branch=${testCase.feeds.use_cache_branch.data[0]}` : '';
    results.push({ file: testCase.file, branch, outputs: Object.keys(testCase.expected).length, maxAbsDiff: worst });
  } finally {
    await session.release();
  }
}
console.log(JSON.stringify(results));
