/** Packages the extension as a linux-x64 .vsix with @vscode/vsce and lists what it contains. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs `vsce package --target linux-x64` into `outFile`; the project's .vscodeignore decides the files. */
export function packageVsix(root: string, outFile: string): void {
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  execFileSync(vsce, ['package', '--target', 'linux-x64', '--out', outFile, '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
}

/** Lists the entry names of a zip file with Python's zipfile module (the Debian python3 has it). */
export function listZipEntries(file: string): string[] {
  const script = 'import sys, zipfile\nfor name in zipfile.ZipFile(sys.argv[1]).namelist(): print(name)';
  const output = execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  return output.split('\n').filter((line) => line !== '');
}
