// Presignature shares for a node running as its own process (--processes): request/response
// messages on the IPC channel the devnet forked it with, never a network port. The parent answers
// each node's channel with that node's shares only (it binds the node index when it forks).
import type { ChildProcess } from 'node:child_process';
import type { PresignRequest, PresignShares, PresignSource } from './presign-dealer';

/** Node process → devnet. */
export interface PresignAsk {
  type: 'presign';
  id: number;
  request: PresignRequest;
}

/** Devnet → node process. */
export type PresignAnswer =
  | { type: 'presign-shares'; id: number; shares: PresignShares }
  | { type: 'presign-error'; id: number; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export const isPresignAsk = (m: unknown): m is PresignAsk =>
  isObject(m) && m.type === 'presign' && Number.isSafeInteger(m.id) && isObject(m.request);

const isPresignAnswer = (m: unknown): m is PresignAnswer =>
  isObject(m) &&
  (m.type === 'presign-shares' || m.type === 'presign-error') &&
  Number.isSafeInteger(m.id);

/** Devnet side: answers `child`'s presign asks from `source` (the dealer bound to that node). */
export function answerPresignAsks(child: ChildProcess, source: PresignSource): void {
  child.on('message', (message: unknown) => {
    if (!isPresignAsk(message)) return;
    const reply = (answer: PresignAnswer): void => {
      // The node may have died meanwhile; it will not be waiting any more.
      if (child.connected) child.send(answer);
    };
    source(message.request).then(
      (shares) => reply({ type: 'presign-shares', id: message.id, shares }),
      (error: unknown) =>
        reply({
          type: 'presign-error',
          id: message.id,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  });
}

/** Node-process side: a presign source that asks the parent over IPC, with a deadline. */
export function ipcPresignSource(
  channel: Pick<NodeJS.Process, 'send' | 'on'> = process,
  timeoutMs = 10_000,
): PresignSource {
  let nextId = 1;
  const pending = new Map<number, { resolve(s: PresignShares): void; reject(e: Error): void }>();
  channel.on('message', (message: unknown) => {
    if (!isPresignAnswer(message)) return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.type === 'presign-shares') waiter.resolve(message.shares);
    else waiter.reject(new Error(`dealer: ${message.message}`));
  });
  return (request) =>
    new Promise<PresignShares>((resolve, reject) => {
      if (!channel.send) {
        reject(new Error('dealer: this node process has no IPC channel to its devnet'));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`dealer: no presignature within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      const ask: PresignAsk = { type: 'presign', id, request };
      channel.send(ask, undefined, undefined, (error: Error | null) => {
        if (!error) return;
        pending.delete(id);
        clearTimeout(timer);
        reject(new Error(`dealer: ${error.message}`));
      });
    });
}
