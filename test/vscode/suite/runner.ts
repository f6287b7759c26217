/**
 * A small test runner for the extension host: runs async test functions in order, each with a timeout,
 * and writes the counts and failures to a JSON file. code-server's extension host reports success even
 * when `run()` throws, so the harness reads that file instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SuiteTest {
  readonly name: string;
  readonly fn: () => Promise<void>;
  /** Milliseconds before the test counts as failed. */
  readonly timeoutMs?: number;
}

export interface SuiteFailure {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export interface SuiteResult {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly names: readonly string[];
  readonly failures: readonly SuiteFailure[];
  readonly durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

function withTimeout(promise: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Test "${name}" timed out after ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `tests`, writes the result to `resultFile`, and throws when any test failed. */
export async function runSuite(tests: readonly SuiteTest[], resultFile: string): Promise<SuiteResult> {
  const started = Date.now();
  const failures: SuiteFailure[] = [];
  for (const test of tests) {
    const testStarted = Date.now();
    try {
      await withTimeout(test.fn(), test.timeoutMs ?? DEFAULT_TIMEOUT_MS, test.name);
      console.log(`ok - ${test.name} (${Date.now() - testStarted} ms)`);
    } catch (error) {
      const failure = error instanceof Error ? { name: test.name, message: error.message, stack: error.stack } : { name: test.name, message: String(error) };
      failures.push(failure);
      console.error(`not ok - ${test.name}: ${failure.message}`);
    }
  }

  const result: SuiteResult = {
    total: tests.length,
    passed: tests.length - failures.length,
    failed: failures.length,
    names: tests.map((test) => test.name),
    failures,
    durationMs: Date.now() - started,
  };
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, JSON.stringify(result, null, 2));
  if (failures.length > 0) throw new Error(`${failures.length} of ${tests.length} extension tests failed: ${failures.map((f) => f.name).join(', ')}`);
  return result;
}
