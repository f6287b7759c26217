/**
 * Collects the runtime strings that `l10n/bundle.l10n.json` must contain: every literal first argument of
 * `vscode.l10n.t` under src/extension and every English panel string.
 *
 * Run `node --import tsx test/unit/extension/l10nStrings.ts --write` to add new strings to the bundle; the
 * unit test fails while one is missing. Entries that no code uses any more are removed by hand.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_STRINGS } from '../../../webview/panel/strings';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BUNDLE_PATH = join(ROOT, 'l10n', 'bundle.l10n.json');

export function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listSourceFiles(path));
    else if (name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** Matches `l10n.t(` followed by a single- or double-quoted literal without escapes or concatenation. */
const LITERAL_CALL = /l10n\.t\(\s*(['"])((?:(?!\1)[^\\\n])*)\1\s*[,)]/g;
const ANY_CALL = /l10n\.t\(/g;

export interface CollectedStrings {
  readonly strings: ReadonlySet<string>;
  /** `file:offset` of `l10n.t(` calls whose first argument is not a plain literal. */
  readonly nonLiteralCalls: readonly string[];
}

export function collectRuntimeStrings(): CollectedStrings {
  const strings = new Set<string>(Object.values(DEFAULT_STRINGS));
  const nonLiteralCalls: string[] = [];
  for (const file of listSourceFiles(join(ROOT, 'src', 'extension'))) {
    const source = readFileSync(file, 'utf8');
    const literalOffsets = new Set<number>();
    for (const match of source.matchAll(LITERAL_CALL)) {
      strings.add(match[2]);
      literalOffsets.add(match.index);
    }
    for (const match of source.matchAll(ANY_CALL)) {
      if (!literalOffsets.has(match.index)) nonLiteralCalls.push(`${file.slice(ROOT.length + 1)}:${match.index}`);
    }
  }
  return { strings, nonLiteralCalls };
}

/**
 * Returns `bundle` with each string of `strings` added as its own English text, sorted by key. Existing
 * entries stay, because other parts of the extension (the model inspector) add strings this file does not
 * collect.
 */
export function mergeIntoBundle(bundle: Readonly<Record<string, string>>, strings: ReadonlySet<string>): Record<string, string> {
  const merged: Record<string, string> = { ...bundle };
  for (const text of strings) merged[text] ??= text;
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(merged).sort()) sorted[key] = merged[key];
  return sorted;
}

export function readBundle(): Record<string, string> {
  return existsSync(BUNDLE_PATH) ? (JSON.parse(readFileSync(BUNDLE_PATH, 'utf8')) as Record<string, string>) : {};
}

if (process.argv.includes('--write')) {
  const { strings } = collectRuntimeStrings();
  const bundle = mergeIntoBundle(readBundle(), strings);
  writeFileSync(BUNDLE_PATH, JSON.stringify(bundle, null, 2) + '\n');
  console.log(`Wrote ${Object.keys(bundle).length} strings to ${BUNDLE_PATH}.`);
}
