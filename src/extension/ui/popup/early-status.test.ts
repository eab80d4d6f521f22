import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { takeEarlyStatus, type EarlyStatusHolder } from './early-status';

const script = readFileSync(
  new URL('../../../../public/popup-early-status.js', import.meta.url),
  'utf8',
);

type Listener = (changes: Record<string, unknown>, area: string) => void;

/**
 * Runs the early script in a fresh context with a fake `chrome`; returns what it sent, and the
 * storage listeners it left (`storage`, shared with the caller).
 */
function runScript(
  window: EarlyStatusHolder,
  answer: Promise<unknown>,
  storage = new Set<Listener>(),
): unknown[] {
  const sent: unknown[] = [];
  const chrome = {
    runtime: {
      sendMessage: (message: unknown) => {
        sent.push(message);
        return answer;
      },
    },
    storage: {
      onChanged: {
        addListener: (l: Listener) => storage.add(l),
        removeListener: (l: Listener) => storage.delete(l),
      },
    },
  };
  runInNewContext(script, { window, chrome });
  return sent;
}

describe('the early status question', () => {
  it('is asked by the script and taken once by the popup', async () => {
    const window: EarlyStatusHolder = {};
    const answer = Promise.resolve({ ok: true, result: { sessions: [] } });
    expect(runScript(window, answer)).toEqual([{ type: 'ui_getStatus' }]);
    expect(takeEarlyStatus(window)).toEqual({ answer, changed: false });
    expect(takeEarlyStatus(window)).toBeUndefined();
  });

  it('says the answer may be out of date when the sessions changed before it was taken', () => {
    const window: EarlyStatusHolder = {};
    const storage = new Set<Listener>();
    runScript(window, Promise.resolve({ ok: true }), storage);
    const change = (changes: Record<string, unknown>, area: string) => {
      for (const l of storage) l(changes, area);
    };
    // Other keys and areas say nothing about the sessions.
    change({ 'lit-companion:settings': {} }, 'local');
    change({ 'lit-companion:sessions': {} }, 'session');
    expect(window.litPopupSessionsChanged).toBe(false);
    change({ 'lit-companion:sessions': {} }, 'local');
    expect(takeEarlyStatus(window)?.changed).toBe(true);
    // Taken: the popup listens itself from then on.
    expect(storage.size).toBe(0);
  });

  it('is not asked again by a script that runs after the popup asked itself', () => {
    const window: EarlyStatusHolder = {};
    expect(takeEarlyStatus(window)).toBeUndefined();
    expect(runScript(window, Promise.resolve())).toEqual([]);
    expect(takeEarlyStatus(window)).toBeUndefined();
  });

  it('leaves a failed question to the popup, reported there and not as uncaught', async () => {
    const window: EarlyStatusHolder = {};
    const failure = Promise.reject(new Error('no worker'));
    runScript(window, failure);
    // The popup takes it later, after Node would have reported an unhandled rejection.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(takeEarlyStatus(window)?.answer).rejects.toThrow('no worker');
  });
});
