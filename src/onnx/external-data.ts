/**
 * External data guard and reader. A tensor's `external_data` location is a path relative to the model
 * file's folder. Anything that resolves outside that folder (`../x`, an absolute path, a symlink that
 * points out) is rejected before the file is opened.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep, win32 } from 'node:path';

import { OnnxFormatError } from './errors';
import type { ExternalDataRef } from './model-types';

/**
 * Rejects locations that are absolute or climb out of the model folder, judging the text alone.
 * Used when the model came as bytes without a path.
 */
export function checkExternalLocationText(location: string): void {
  if (location === '' || location.includes('\0')) {
    throw new OnnxFormatError(`Invalid external_data location "${location}": expected a relative file path.`);
  }
  if (isAbsolute(location) || win32.isAbsolute(location)) {
    throw new OnnxFormatError(
      `Rejected external_data location "${location}": it is an absolute path; ` +
        'external data must sit in the model folder, referenced by a relative path.',
    );
  }
  let depth = 0;
  for (const segment of location.split(/[\\/]+/)) {
    if (segment === '..') depth -= 1;
    else if (segment !== '.' && segment !== '') depth += 1;
    if (depth < 0) {
      throw new OnnxFormatError(
        `Rejected external_data location "${location}": it points outside the model folder; ` +
          'move the data file next to the model.',
      );
    }
  }
}

/**
 * Resolves `location` against the folder of `modelPath` and returns the absolute path, or throws
 * `OnnxFormatError` when it leaves that folder, directly or through a symlink. The data file itself
 * is not opened; a location that does not exist yet resolves without error.
 */
export function resolveExternalDataPath(modelPath: string, location: string): string {
  checkExternalLocationText(location);
  const folder = dirname(resolve(modelPath));
  const target = resolve(folder, ...location.split(/[\\/]+/));
  if (!isInside(folder, target)) {
    throw new OnnxFormatError(`Rejected external_data location "${location}": it points outside ${folder}.`);
  }

  let realTarget: string;
  try {
    realTarget = realpathSync(target);
  } catch {
    return target;
  }
  const realFolder = realpathSync(folder);
  if (!isInside(realFolder, realTarget)) {
    throw new OnnxFormatError(
      `Rejected external_data location "${location}": it is a link to ${realTarget}, outside the model folder.`,
    );
  }
  return target;
}

function isInside(folder: string, target: string): boolean {
  const path = relative(folder, target);
  return path !== '' && !path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path);
}

/**
 * Reads the bytes of one externally stored tensor: `byteLength` bytes (or `ref.length` when set) at
 * `ref.offset` of the data file. Throws `OnnxFormatError` when the file is missing or too short.
 */
export function readExternalTensorBytes(
  modelPath: string,
  tensorName: string,
  ref: ExternalDataRef,
  byteLength: number | undefined,
): Uint8Array {
  const path = resolveExternalDataPath(modelPath, ref.location);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new OnnxFormatError(
      `External data file "${ref.location}" of tensor "${tensorName}" could not be opened (${code}).`,
      path,
    );
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new OnnxFormatError(`External data "${ref.location}" of tensor "${tensorName}" is not a regular file.`, path);
    }
    const length = ref.length ?? byteLength ?? stat.size - ref.offset;
    if (ref.offset + length > stat.size) {
      throw new OnnxFormatError(
        `External data file "${ref.location}" has ${stat.size} bytes, but tensor "${tensorName}" needs bytes ` +
          `${ref.offset} to ${ref.offset + length}.`,
        path,
      );
    }
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const read = readSync(fd, buffer, done, length - done, ref.offset + done);
      if (read === 0) break;
      done += read;
    }
    return buffer.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}
