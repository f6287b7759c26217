import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelManager, type ModelSpec, type TranslatorLike } from '../../../src/extension/modelManager';
import { DecodingCancelledError, ModelLoadError } from '../../../src/translate';
import type { LoadOptions } from '../../../src/translate/types';
import { deferred, FakeTranslator, flush } from './fakeTranslator';

const specA: ModelSpec = { dir: '/models/a', loadOptions: { precision: 'fp32' } };
const specAQuantized: ModelSpec = { dir: '/models/a', loadOptions: { precision: 'quantized' } };
const specB: ModelSpec = { dir: '/models/b', loadOptions: { precision: 'fp32' } };

/** Creates a loader whose loads the test finishes by hand. */
function manualLoader() {
  const loads: { dir: string; options: LoadOptions; control: ReturnType<typeof deferred<TranslatorLike>> }[] = [];
  const loader = (dir: string, options: LoadOptions) => {
    const control = deferred<TranslatorLike>();
    loads.push({ dir, options, control });
    return control.promise;
  };
  return { loads, loader };
}

function quietLog() {
  const lines: string[] = [];
  return { lines, info: (message: string) => lines.push(message), error: (error: string | Error) => lines.push(`ERROR ${String(error)}`) };
}

test('concurrent runs share one load', async () => {
  const { loads, loader } = manualLoader();
  const manager = new ModelManager(loader, quietLog());

  const first = manager.use(specA, async (translator) => translator.summary.id);
  const second = manager.use(specA, async (translator) => translator.summary.id);
  assert.equal(manager.state(specA), 'loading');
  assert.equal(loads.length, 1);

  loads[0].control.resolve(new FakeTranslator('a'));
  assert.deepEqual(await Promise.all([first, second]), ['a', 'a']);
  assert.equal(manager.state(specA), 'loaded');

  await manager.use(specA, async () => undefined);
  assert.equal(loads.length, 1);
});

test('changed precision loads again', async () => {
  const { loads, loader } = manualLoader();
  const manager = new ModelManager(loader, quietLog());
  const first = manager.use(specA, async () => undefined);
  const fakeA = new FakeTranslator('a');
  loads[0].control.resolve(fakeA);
  await first;

  const second = manager.use(specAQuantized, async (translator) => translator.summary.id);
  assert.equal(loads.length, 2);
  assert.deepEqual(loads[1].options, { precision: 'quantized' });
  assert.equal(manager.state(specA), 'unloaded');
  loads[1].control.resolve(new FakeTranslator('a-quantized'));
  assert.equal(await second, 'a-quantized');
  await flush();
  assert.equal(fakeA.disposeCount, 1);
});

test('switching model waits for running work before dispose', async () => {
  const { loads, loader } = manualLoader();
  const manager = new ModelManager(loader, quietLog());
  const fakeA = new FakeTranslator('a');
  const releaseRun = deferred<void>();

  const running = manager.use(specA, async () => {
    await releaseRun.promise;
    return 'done';
  });
  loads[0].control.resolve(fakeA);
  await flush();

  const other = manager.use(specB, async (translator) => translator.summary.id);
  loads[1].control.resolve(new FakeTranslator('b'));
  assert.equal(await other, 'b');
  await flush();
  assert.equal(fakeA.disposeCount, 0, 'model A is still in use');

  releaseRun.resolve();
  assert.equal(await running, 'done');
  await flush();
  assert.equal(fakeA.disposeCount, 1);
});

test('failed load rejects all waiters and is retried', async () => {
  const { loads, loader } = manualLoader();
  const log = quietLog();
  const manager = new ModelManager(loader, log);

  const first = manager.use(specA, async () => 'unused');
  const second = manager.use(specA, async () => 'unused');
  loads[0].control.reject(new ModelLoadError('encoder_model.onnx is corrupt.', 'encoder_model.onnx'));
  await assert.rejects(first, ModelLoadError);
  await assert.rejects(second, ModelLoadError);
  assert.equal(manager.state(specA), 'unloaded');
  assert.ok(log.lines.some((line) => /^Loading model \/models\/a failed after \d+ ms: encoder_model\.onnx is corrupt\.$/.test(line)));

  const retry = manager.use(specA, async (translator) => translator.summary.id);
  assert.equal(loads.length, 2);
  loads[1].control.resolve(new FakeTranslator('a'));
  assert.equal(await retry, 'a');
});

test('unload during load disposes after load', async () => {
  const { loads, loader } = manualLoader();
  const manager = new ModelManager(loader, quietLog());
  const fakeA = new FakeTranslator('a');
  const run = manager.use(specA, async (translator) => translator.summary.id);
  manager.unload();
  assert.equal(manager.state(specA), 'unloaded');

  loads[0].control.resolve(fakeA);
  assert.equal(await run, 'a', 'the run that started before unload still completes');
  await flush();
  assert.equal(fakeA.disposeCount, 1);
});

test('abort during load rejects at once', async () => {
  const { loads, loader } = manualLoader();
  const manager = new ModelManager(loader, quietLog());
  const controller = new AbortController();
  let workCalls = 0;
  const run = manager.use(specA, async () => (workCalls += 1), controller.signal);

  controller.abort();
  await assert.rejects(run, DecodingCancelledError);
  loads[0].control.resolve(new FakeTranslator('a'));
  await flush();
  assert.equal(workCalls, 0);
  assert.equal(manager.state(specA), 'loaded', 'the load goes on for the next run');
});

test('state listeners see load and unload', async () => {
  const { loads, loader } = manualLoader();
  const manager = new ModelManager(loader, quietLog());
  const states: string[] = [];
  manager.onDidChangeState(() => states.push(manager.state(specA)));

  const run = manager.use(specA, async () => undefined);
  loads[0].control.resolve(new FakeTranslator('a'));
  await run;
  manager.unload();
  assert.deepEqual(states, ['loading', 'loaded', 'unloaded']);
});
