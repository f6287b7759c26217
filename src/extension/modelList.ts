/**
 * Model folders: resolving the `seq2seqLens.model` setting to a path, and the list Select Model offers.
 * No `vscode` import.
 */
import { basename, isAbsolute, resolve } from 'node:path';
import { ExtensionError } from './errors';

export interface PathContext {
  /** The embedded demo model inside the extension. */
  readonly demoDir: string;
  /** The first workspace folder; relative model paths resolve against it. */
  readonly workspaceDir?: string;
  readonly homeDir: string;
}

/**
 * Resolves a model setting to a normalized absolute folder without a trailing separator: '' is the demo
 * model, `~/…` is under the home folder, and relative paths are under the first workspace folder.
 */
export function resolveModelPath(setting: string, context: PathContext): string {
  const value = setting.trim();
  if (value === '') return context.demoDir;
  if (value === '~') return context.homeDir;
  if (value.startsWith('~/')) return resolve(context.homeDir, value.slice(2));
  if (isAbsolute(value)) return resolve(value);

  if (context.workspaceDir === undefined) {
    throw new ExtensionError(
      `Model folder "${value}" is a relative path but no workspace folder is open. Use an absolute path.`,
      'openSettings',
    );
  }
  return resolve(context.workspaceDir, value);
}

/** One entry of the Select Model list. */
export interface ModelChoice {
  readonly kind: 'demo' | 'folder';
  /** The value to store in `seq2seqLens.model` ('' for the demo model). */
  readonly setting: string;
  /** Absolute folder, or `undefined` when the setting cannot be resolved (see `problem`). */
  readonly path?: string;
  readonly problem?: string;
  /** Folder name shown as the label. */
  readonly name: string;
  /** True for the model currently selected in the settings. */
  readonly active: boolean;
}

function toChoice(kind: ModelChoice['kind'], setting: string, context: PathContext, activePath: string | undefined): ModelChoice {
  try {
    const path = resolveModelPath(setting, context);
    return { kind, setting, path, name: basename(path), active: path === activePath };
  } catch (error) {
    return { kind, setting, problem: (error as Error).message, name: setting, active: false };
  }
}

/**
 * Builds the Select Model list: the demo model first, then the `models` folders in setting order, then the
 * selected model when it is in neither. Folders that resolve to the same path appear once.
 */
export function buildModelChoices(
  settings: { readonly model: string; readonly models: readonly string[] },
  context: PathContext,
): ModelChoice[] {
  let activePath: string | undefined;
  try {
    activePath = resolveModelPath(settings.model, context);
  } catch {
    activePath = undefined;
  }

  const choices: ModelChoice[] = [toChoice('demo', '', context, activePath)];
  const seen = new Set<string>([context.demoDir]);
  for (const setting of [...settings.models, settings.model]) {
    const choice = toChoice('folder', setting, context, activePath);
    const key = choice.path ?? `unresolved:${setting}`;
    if (seen.has(key)) continue;
    seen.add(key);
    choices.push(choice);
  }
  return choices;
}

function tryResolve(setting: string, context: PathContext): string | undefined {
  try {
    return resolveModelPath(setting, context);
  } catch {
    return undefined;
  }
}

/**
 * Returns `models` with each of `folders` appended, except the demo model (''), folders that resolve to a
 * path already listed, and folders that cannot be resolved.
 */
export function rememberModelFolders(models: readonly string[], folders: readonly string[], context: PathContext): string[] {
  const result = [...models];
  const known = new Set(models.map((entry) => tryResolve(entry, context)));
  for (const folder of folders) {
    const path = folder.trim() === '' ? undefined : tryResolve(folder, context);
    if (path === undefined || known.has(path)) continue;
    known.add(path);
    result.push(folder);
  }
  return result;
}
