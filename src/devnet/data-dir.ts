// Layout of a devnet data dir, and the lock that keeps two devnets from running on one dir.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DevnetError } from './errors';

export const chainDbPath = (dataDir: string): string => join(dataDir, 'chain.sqlite');
export const nodeDbPath = (dataDir: string, index: number): string =>
  join(dataDir, `node-${index}.sqlite`);
/** The online dealer's secrets (root keys, presignature seed): read by the devnet process only. */
export const dealerDbPath = (dataDir: string): string => join(dataDir, 'dealer.sqlite');
const lockPath = (dataDir: string): string => join(dataDir, 'devnet.lock');

const NODE_FILE_RE = /^node-\d+\.sqlite$/;

/** Creates the dir (and its missing parents); returns the topmost dir it created, if any. */
export function ensureDataDir(dataDir: string): string | undefined {
  try {
    return mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DevnetError(`cannot create data dir ${dataDir}: ${(error as Error).message}`);
  }
}

/** Names of node-<i>.sqlite files present in the dir. */
export function nodeDbFiles(dataDir: string): string[] {
  return readdirSync(dataDir).filter((name) => NODE_FILE_RE.test(name));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data dir for this process (a pid file); a lock left by a dead process is taken over.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = lockPath(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DevnetError(`cannot lock data dir ${dataDir}: ${(error as Error).message}`);
      }
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isSafeInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new DevnetError(
          `data dir ${dataDir} is in use by another devnet (pid ${pid}; ` +
            `remove ${path} if that process is not a devnet)`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DevnetError(`cannot lock data dir ${dataDir}`);
}
