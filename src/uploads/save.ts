/**
 * Saving uploaded files (`Save-PodeRequestFile`): the file a multipart form sent under a field is
 * written to disk. Pode's defaults: the folder is the server root (`.`); a folder keeps the name
 * the client gave the file; any other path is the file's own path.
 */
import { stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { HttpError } from '../errors.js';
import type { UploadedFile } from '../types.js';

/** Options of `e.saveRequestFile` (Pode's `Save-PodeRequestFile` parameters). */
export interface SaveFileOptions {
  /** A folder (the file keeps its uploaded name) or a file path; relative to the server root. Default `.`. */
  path?: string;
  /** Save only when the uploaded file has one of these names (Pode's `-FileName`, case-insensitive). */
  fileName?: string | readonly string[];
}

/**
 * Writes the file uploaded under `key` and returns the path written, or undefined when
 * `fileName` filters it out. A key with no file is a 400; a client file name that is not a plain
 * name (`..`, a path) is a 400, so an upload never leaves the folder it is saved to.
 */
export async function saveUploadedFile(
  files: Readonly<Record<string, UploadedFile>>,
  root: string,
  key: string,
  options: SaveFileOptions = {},
): Promise<string | undefined> {
  if (typeof key !== 'string' || key === '')
    throw new TypeError('saveRequestFile(key): the key must be a non-empty string.');
  const file = Object.hasOwn(files, key) ? files[key] : undefined;
  if (file === undefined) throw new HttpError(400, `No file was uploaded under '${key}'.`);
  const names =
    options.fileName === undefined
      ? undefined
      : (typeof options.fileName === 'string' ? [options.fileName] : options.fileName).map((n) =>
          n.toLowerCase(),
        );
  if (names !== undefined && names.length > 0 && !names.includes(file.filename.toLowerCase()))
    return undefined;
  let target = resolve(root, options.path ?? '.');
  const folder = await stat(target).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (folder) {
    const name = file.filename;
    if (
      name === '' ||
      name === '.' ||
      name === '..' ||
      basename(name) !== name ||
      /[\\/\0]/.test(name)
    )
      throw new HttpError(400, `The uploaded file name '${name}' is not a plain file name.`);
    target = join(target, name);
  }
  await writeFile(target, file.data);
  return target;
}
