// The popup's store against a fake extension API: the early script's answer, storage changes made
// while the popup opens, and overlapping answers.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSIONS_STORAGE_KEY } from '../../storage-keys';

type Listener = (changes: Record<string, unknown>, area: string) => void;
const listeners = new Set<Listener>();
/** What the worker answers `ui_getStatus` with, when asked. */
let workerSessions: string[] = [];
let asked = 0;
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      onChanged: {
        addListener: (l: Listener) => listeners.add(l),
        removeListener: (l: Listener) => listeners.delete(l),
      },
    },
    runtime: {
      sendMessage: () => {
        asked++;
        return Promise.resolve({ ok: true, result: { version: '1', sessions: workerSessions } });
      },
    },
  },
}));
let popupWindow: Record<string, unknown> = {};
// The store takes the early answer from `window`: each test gets a fresh one through this getter.
Object.defineProperty(globalThis, 'window', { get: () => popupWindow, configurable: true });
const { useSessions } = await import('./sessions-store');

const script = readFileSync(
  new URL('../../../../public/popup-early-status.js', import.meta.url),
  'utf8',
);

/** The early script, run with the fake API; the worker answers it with `sessions`. */
function runEarlyScript(sessions: string[]) {
  const chrome = {
    runtime: {
      sendMessage: () => Promise.resolve({ ok: true, result: { version: '1', sessions } }),
    },
    storage: {
      onChanged: {
        addListener: (l: Listener) => listeners.add(l),
        removeListener: (l: Listener) => listeners.delete(l),
      },
    },
  };
  runInNewContext(script, { window: popupWindow, chrome });
}

const changeSessions = (now: string[]) => {
  workerSessions = now;
  for (const l of [...listeners]) l({ [SESSIONS_STORAGE_KEY]: {} }, 'local');
};

/** Lets every settled promise's callbacks run. */
const answered = () => new Promise((resolve) => setImmediate(resolve));

let stop = () => {};
afterEach(() => {
  stop();
  popupWindow = {};
  listeners.clear();
  useSessions.setState({ status: null, error: null });
  asked = 0;
});

describe('the popup sessions store', () => {
  it('asks again when the sessions changed between the early answer and the popup listening', async () => {
    runEarlyScript(['old-session']);
    // The session is revoked (or swept) while the popup's modules still load.
    changeSessions([]);
    stop = useSessions.getState().start();
    await answered();
    expect(useSessions.getState().status?.sessions).toEqual([]);
  });

  it('takes the early answer when nothing changed, with no second question', async () => {
    workerSessions = ['a'];
    runEarlyScript(['a']);
    stop = useSessions.getState().start();
    await answered();
    expect(useSessions.getState().status?.sessions).toEqual(['a']);
    expect(asked).toBe(0);
  });

  it('follows a change made once it listens, whatever answer arrives last', async () => {
    let answerEarly: (v: unknown) => void = () => {};
    popupWindow.litPopupStatus = new Promise((resolve) => (answerEarly = resolve));
    stop = useSessions.getState().start();
    changeSessions(['new-session']);
    await answered();
    // The early answer, computed before the change, comes after the fresh one.
    answerEarly({ ok: true, result: { version: '1', sessions: [] } });
    await answered();
    expect(useSessions.getState().status?.sessions).toEqual(['new-session']);
  });
});
