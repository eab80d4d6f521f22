import { describe, expect, it } from 'vitest';
import { request, sandboxForTests } from './test-fixtures';
import type { LitActionLimits, LitActionResult } from './types';

const runLitAction = sandboxForTests();

const MiB = 1024 * 1024;

async function timed(code: string, limits: LitActionLimits) {
  const start = performance.now();
  const result = await runLitAction(request(code, { limits }));
  return { result, ms: performance.now() - start };
}

const codeOf = (r: LitActionResult) => (r.ok ? 'ok' : r.errorCode);

describe('time limit', () => {
  it('stops while(true){} at about the limit while the node thread keeps running', async () => {
    await runLitAction(request('1')); // a warm worker, so the figure is the action's own
    let ticks = 0;
    const interval = setInterval(() => ticks++, 10);
    const { result, ms } = await timed('console.log("spinning"); while (true) {}', {
      timeoutMs: 500,
    });
    clearInterval(interval);
    expect(result).toEqual({
      ok: false,
      errorCode: 'NodeJsTimeoutError',
      message: 'Lit Action timed out after 500 ms',
      logs: 'spinning',
    });
    // Not before its time. (How soon after is a speed, not a property: the error code says the
    // time limit stopped it, and a sandbox that never stops it fails on the test timeout.)
    expect(ms).toBeGreaterThanOrEqual(500);
    // An action run on the node's own thread would hold its event loop to the end: not one tick.
    expect(ticks).toBeGreaterThan(0);
  });

  it('cannot be caught by the action', async () => {
    const code = 'for (;;) { try { while (true) {} } catch (e) { console.log("caught", e) } }';
    const { result } = await timed(code, { timeoutMs: 300 });
    expect(result).toMatchObject({ errorCode: 'NodeJsTimeoutError', logs: '' });
  });

  it('stops promise loops that never give the host a turn', async () => {
    for (const code of [
      '(async () => { for (;;) await null; })()',
      '(function again() { Promise.resolve().then(again); })()',
      'const go = async () => { for (;;) { await new Promise((r) => r()); } }; go();',
    ]) {
      const { result } = await timed(code, { timeoutMs: 300 });
      expect(codeOf(result)).toBe('NodeJsTimeoutError');
    }
  });

  it('counts time spent waiting on host calls', async () => {
    const never = () => new Promise<never>(() => {});
    const result = await runLitAction(
      request('(async () => { await Lit.Actions.wait(); })()', {
        hostFunctions: { wait: never },
        limits: { timeoutMs: 300 },
      }),
    );
    expect(codeOf(result)).toBe('NodeJsTimeoutError');
  });
});

describe('memory limit', () => {
  const limits = { memoryBytes: 32 * MiB, timeoutMs: 10_000 };

  it('stops the memory bombs with NodeJsMemoryLimitError', async () => {
    for (const code of [
      'const a = []; for (;;) { a.push(new Array(1e6)); }',
      'const a = []; for (;;) { a.push(new Array(1e5).fill(0)); }',
      'const a = []; for (let i = 0; ; i++) { a.push({ i, s: "x" + i }); }',
      'const a = []; for (;;) { a.push("x".repeat(1e6) + a.length); }',
      '"x".repeat(2 ** 28)',
      // Catching the out-of-memory errors does not buy more memory.
      'const a = []; for (;;) { try { a.push(new Array(1e5).fill(0)); } catch (e) {} }',
      '(async () => { const a = []; for (;;) { await null; a.push(new Array(1e4).fill(1)); } })()',
    ]) {
      const { result } = await timed(code, limits);
      expect([code, codeOf(result)]).toEqual([code, 'NodeJsMemoryLimitError']);
      // When the action stalls in QuickJS's GC, its worker is terminated: the same error.
      expect(!result.ok && result.message).toMatch(
        new RegExp(`^Lit Action exceeded its memory limit of ${32 * MiB} bytes`),
      );
    }
  });

  it('reports a string past the engine maximum as an error, as V8 does', async () => {
    const { result } = await timed('let s = "x"; for (;;) { s = s + s; }', limits);
    expect(result).toMatchObject({ ok: false, errorCode: 'NodeJsExecutionError' });
    expect(!result.ok && result.message).toMatch(/^Uncaught InternalError: string too long/);
  });

  it('lets an action use memory up to the limit', async () => {
    const code = `const a = []; for (let i = 0; i < 16; i++) a.push(new Array(1e5).fill(i));
      Lit.Actions.setResponse({ response: String(a.length) });`;
    const { result } = await timed(code, limits);
    expect(result).toMatchObject({ ok: true, response: '16' });
  });
});

describe('stack', () => {
  it('turns deep recursion, in code or in the parser, into an execution error', async () => {
    for (const code of [
      'function f() { return f() + 1; } f();',
      'const o = { get x() { return this.x; } }; o.x;',
      'let v = []; for (let i = 0; i < 1e5; i++) v = [v]; String(v);',
      'let v = []; for (let i = 0; i < 1e5; i++) v = [v]; v.flat(Infinity);',
      'eval("[".repeat(1e5));',
      'JSON.parse("[".repeat(1e5));',
    ]) {
      const { result } = await timed(code, { timeoutMs: 5_000 });
      expect([code, codeOf(result)]).toEqual([code, 'NodeJsExecutionError']);
      expect(!result.ok && result.message).toMatch(/stack overflow/);
    }
    // The worker survived all of that.
    expect(await runLitAction(request('Lit.Actions.setResponse({ response: "fine" })'))).toEqual({
      ok: true,
      response: 'fine',
      logs: '',
    });
  });

  it('still allows a few thousand nested calls', async () => {
    const code = `function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
      Lit.Actions.setResponse({ response: String(depth(2000)) });`;
    expect((await timed(code, {})).result).toMatchObject({ ok: true, response: '2000' });
  });
});
