import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { takeEarlyStatus, type EarlyStatusHolder } from './early-status';

const script = readFileSync(
  new URL('../../../../public/popup-early-status.js', import.meta.url),
  'utf8',
);

/** Runs the early script in a fresh context with a fake `chrome`; returns what it sent. */
function runScript(window: EarlyStatusHolder, answer: Promise<unknown>): unknown[] {
  const sent: unknown[] = [];
  const chrome = {
    runtime: {
      sendMessage: (message: unknown) => {
        sent.push(message);
        return answer;
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
    expect(takeEarlyStatus(window)).toBe(answer);
    expect(takeEarlyStatus(window)).toBeUndefined();
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
    await expect(takeEarlyStatus(window)).rejects.toThrow('no worker');
  });
});
