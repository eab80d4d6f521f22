// The file-backed StorageProvider that Node.js users get by default: one JSON object in a file
// readable only by its owner, replaced atomically (write a temp file, then rename) so a crash
// never leaves a half-written session. Node only: the extension never imports this file.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StorageProvider } from './storage-provider';

export function fileStorageProvider(path: string): StorageProvider {
  if (typeof path !== 'string' || path.length === 0) {
    throw new TypeError('fileStorageProvider: expected a file path');
  }
  // One operation at a time, so two concurrent sets never lose each other's key.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const load = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const isStringMap =
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => typeof v === 'string');
    if (!isStringMap) {
      // Never overwrite what we cannot read: it may hold a key someone needs.
      throw new Error(`${path} is not a session store written by Lit Companion; move it away`);
    }
    return parsed as Record<string, string>;
  };

  const save = async (values: Record<string, string>): Promise<void> => {
    if (Object.keys(values).length === 0) {
      await rm(path, { force: true });
      return;
    }
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, JSON.stringify(values, null, 2), { mode: 0o600 });
    await rename(temp, path);
  };

  return {
    get: (key) => serial(async () => (await load())[key]),
    set: (key, value) =>
      serial(async () => {
        const values = await load();
        values[key] = value;
        await save(values);
      }),
    remove: (key) =>
      serial(async () => {
        const values = await load();
        if (!(key in values)) return;
        await save(Object.fromEntries(Object.entries(values).filter(([k]) => k !== key)));
      }),
  };
}
