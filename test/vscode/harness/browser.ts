/** Debian's chromium through playwright-core, limited to loopback addresses. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Launch flags: headless, no background network features, and name resolution for 127.0.0.1 only. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** Starts chromium with its profile and HOME inside `dir`. */
export async function launchBrowser(dir: string): Promise<BrowserContext> {
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  return chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
    viewport: { width: 1400, height: 900 },
  });
}
