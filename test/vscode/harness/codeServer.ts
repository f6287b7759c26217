/**
 * Starts code-server on 127.0.0.1 with everything it writes kept inside one test folder: HOME, XDG
 * folders, TMPDIR, user data and extensions. The extension gallery points to a closed loopback port, so
 * nothing reaches the internet.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { CodeServerInstall } from './install';

/** Returns a loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('No port.'))));
    });
  });
}

export interface CodeServerFolders {
  readonly root: string;
  readonly home: string;
  readonly userData: string;
  readonly extensions: string;
  readonly configFile: string;
}

/**
 * Creates the folder layout under `root` with user settings that turn off network features. `settings`
 * go into the remote machine settings, because a code-server window is a remote window, where VS Code
 * ignores user-level values of machine-scoped settings such as `seq2seqLens.model`.
 */
export function prepareFolders(root: string, settings: Record<string, unknown>): CodeServerFolders {
  const folders: CodeServerFolders = {
    root,
    home: join(root, 'home'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
  };
  for (const dir of [folders.home, join(folders.home, '.config'), join(folders.home, '.local', 'share'), join(root, 'tmp'), folders.extensions]) {
    mkdirSync(dir, { recursive: true });
  }
  mkdirSync(join(folders.userData, 'User'), { recursive: true });
  mkdirSync(join(folders.userData, 'Machine'), { recursive: true });

  // An own config file, so code-server does not write one with a password into the real home.
  writeFileSync(folders.configFile, 'auth: none\ncert: false\n');
  const baseSettings = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'git.enabled': false,
    'security.workspace.trust.enabled': false,
  };
  writeFileSync(join(folders.userData, 'User', 'settings.json'), JSON.stringify(baseSettings, null, 2));
  writeFileSync(join(folders.userData, 'Machine', 'settings.json'), JSON.stringify(settings, null, 2));
  return folders;
}

/** Environment that keeps code-server's files inside the test folder and its gallery on a closed port. */
export function isolatedEnv(folders: CodeServerFolders, closedPort: number): NodeJS.ProcessEnv {
  const gallery = `http://127.0.0.1:${closedPort}`;
  return {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    HOME: folders.home,
    XDG_CONFIG_HOME: join(folders.home, '.config'),
    XDG_DATA_HOME: join(folders.home, '.local', 'share'),
    XDG_CACHE_HOME: join(folders.home, '.cache'),
    TMPDIR: join(folders.root, 'tmp'),
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: `${gallery}/gallery`,
      itemUrl: `${gallery}/items`,
      resourceUrlTemplate: `${gallery}/resources/{publisher}/{name}/{version}/{path}`,
    }),
  };
}

function commonArgs(folders: CodeServerFolders): string[] {
  return ['--config', folders.configFile, '--user-data-dir', folders.userData, '--extensions-dir', folders.extensions];
}

/** Runs a code-server CLI command (such as `--install-extension`) and returns its output. */
export function runCodeServerCli(
  install: CodeServerInstall,
  folders: CodeServerFolders,
  env: NodeJS.ProcessEnv,
  args: readonly string[],
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(install.node, [install.entry, ...commonArgs(folders), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`code-server ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

export interface RunningCodeServer {
  readonly origin: string;
  readonly port: number;
  readonly pid: number;
  /** Everything code-server printed so far. */
  output(): string;
  /** Stops the process group started here and waits for the main process to exit. */
  stop(): Promise<void>;
}

async function waitForHealth(origin: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready.`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server at ${origin} was not ready after ${timeoutMs} ms.`);
}

/** Starts code-server with `extraArgs` and waits until GET /healthz returns 200. */
export async function startCodeServer(
  install: CodeServerInstall,
  folders: CodeServerFolders,
  env: NodeJS.ProcessEnv,
  extraArgs: readonly string[] = [],
): Promise<RunningCodeServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    install.entry,
    ...commonArgs(folders),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...extraArgs,
  ];
  // A process group of its own, so stop() also ends the server's children (extension hosts, watchers).
  const child = spawn(install.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start.');

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-pid, 'SIGKILL');
    }, 5000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitForHealth(origin, child, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  return { origin, port, pid, output: () => output, stop };
}
