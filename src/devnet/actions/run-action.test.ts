import { describe, expect, it } from 'vitest';
import { AUTH, request, sandboxForTests } from './test-fixtures';
import type { LitActionResult } from './types';

const runLitAction = sandboxForTests();

const run = (code: string, jsParams?: Record<string, unknown>) =>
  runLitAction(request(code, { jsParams }));

function responseOf(result: LitActionResult): string {
  if (!result.ok) throw new Error(`${result.errorCode}: ${result.message}\n${result.logs}`);
  return result.response;
}

describe('Lit.Actions.setResponse', () => {
  it('sets the response string, as in the examples of Lit (both usual shapes)', async () => {
    const go = 'const go = async () => { Lit.Actions.setResponse({ response: "true" }); }; go();';
    expect(await run(go)).toEqual({ ok: true, response: 'true', logs: '' });
    const iife = '(async () => { Lit.Actions.setResponse({ response: "hello" }); })();';
    expect(await run(iife)).toEqual({ ok: true, response: 'hello', logs: '' });
  });

  it('JSON-encodes a response that is not a string; the last call wins', async () => {
    expect(responseOf(await run('Lit.Actions.setResponse({ response: { a: [1, "x"] } })'))).toBe(
      '{"a":[1,"x"]}',
    );
    expect(responseOf(await run('Lit.Actions.setResponse({ response: 42 })'))).toBe('42');
    const twice =
      'Lit.Actions.setResponse({ response: "a" }); Lit.Actions.setResponse({ response: "b" })';
    expect(responseOf(await run(twice))).toBe('b');
    expect(responseOf(await run('1 + 1'))).toBe('');
  });

  it('refuses a missing or unserializable response, and one over the size limit', async () => {
    const none = await run('Lit.Actions.setResponse()');
    expect(none).toMatchObject({ ok: false, errorCode: 'NodeJsExecutionError' });
    expect(!none.ok && none.message).toMatch(/^Uncaught TypeError/);
    const fn = await run('Lit.Actions.setResponse({ response: () => 1 })');
    expect(!fn.ok && fn.message).toMatch(/response must be a string or a JSON value/);

    const big = await runLitAction(
      request('Lit.Actions.setResponse({ response: "x".repeat(101) })', {
        limits: { maxResponseBytes: 100 },
      }),
    );
    expect(big).toMatchObject({ ok: false, errorCode: 'NodeJsExecutionError' });
    expect(!big.ok && big.message).toContain(
      'Lit.Actions.setResponse: the response is over the limit of 100 bytes',
    );
    // Counted in UTF-8 bytes: 60 two-byte characters are 120.
    const wide = await runLitAction(
      request('Lit.Actions.setResponse({ response: "é".repeat(60) })', {
        limits: { maxResponseBytes: 100 },
      }),
    );
    expect(wide.ok).toBe(false);
    const fitsWide = await runLitAction(
      request('Lit.Actions.setResponse({ response: "é".repeat(50) })', {
        limits: { maxResponseBytes: 100 },
      }),
    );
    expect(fitsWide).toMatchObject({ ok: true, response: 'é'.repeat(50) });
    // The default limit is Datil's 100 KiB.
    const fits = await run('Lit.Actions.setResponse({ response: "x".repeat(100 * 1024) })');
    expect(responseOf(fits)).toHaveLength(100 * 1024);
    const over = await run('Lit.Actions.setResponse({ response: "x".repeat(100 * 1024 + 1) })');
    expect(over.ok).toBe(false);
  });
});

describe('globals', () => {
  it('makes each jsParams key a global, with no jsParams object', async () => {
    const code = `Lit.Actions.setResponse({ response: JSON.stringify({
      sum: a + b, name, list, obj, nothing, jsParams: typeof jsParams }) })`;
    const jsParams = { a: 1, b: 2.5, name: 'Ann', list: [1, [2]], obj: { k: 'v' }, nothing: null };
    expect(JSON.parse(responseOf(await run(code, jsParams)))).toEqual({
      sum: 3.5,
      name: 'Ann',
      list: [1, [2]],
      obj: { k: 'v' },
      nothing: null,
      jsParams: 'undefined',
    });
  });

  it('shows Lit.Auth, frozen to the bottom, and freezes Lit and Lit.Actions', async () => {
    const code = `'use strict';
      const tries = {};
      const attempt = (name, f) => { try { f(); tries[name] = 'changed'; } catch (e) { tries[name] = e.name; } };
      attempt('Lit', () => { Lit = {}; });
      attempt('Lit.Auth', () => { Lit.Auth = {}; });
      attempt('Auth field', () => { Lit.Auth.customAuthResource = 'x'; });
      attempt('Auth array', () => { Lit.Auth.actionIpfsIds.push('QmEvil'); });
      attempt('Auth nested', () => { Lit.Auth.authMethodContexts[0].userId = 'eve'; });
      attempt('setResponse', () => { Lit.Actions.setResponse = () => {}; });
      attempt('new action', () => { Lit.Actions.extra = 1; });
      attempt('delete Lit', () => { delete globalThis.Lit; });
      Lit.Actions.setResponse({ response: JSON.stringify({ auth: Lit.Auth, tries,
        aliases: LitActions === Lit.Actions && LitAuth === Lit.Auth }) });`;
    const out = JSON.parse(responseOf(await run(code)));
    expect(out.auth).toEqual({ ...AUTH, actionIpfsIdStack: AUTH.actionIpfsIds });
    expect(Object.values(out.tries)).toEqual(Array(8).fill('TypeError'));
    expect(out.aliases).toBe(true);
  });

  it('has no way out: no require, process, fetch, module loading or Deno', async () => {
    const code = `Lit.Actions.setResponse({ response: JSON.stringify([
      typeof require, typeof process, typeof globalThis.process, typeof fetch, typeof module,
      typeof Deno, typeof XMLHttpRequest, typeof WebSocket, typeof setTimeout, typeof std, typeof os]) })`;
    expect(JSON.parse(responseOf(await run(code)))).toEqual(Array(11).fill('undefined'));
    const load = await run('import("node:fs")');
    expect(load).toMatchObject({ ok: false, errorCode: 'NodeJsExecutionError' });
    const staticImport = await run('import fs from "node:fs";');
    expect(staticImport).toMatchObject({ ok: false, errorCode: 'NodeJsExecutionError' });
    expect(!staticImport.ok && staticImport.message).toMatch(/SyntaxError/);
  });

  it('leaks nothing from one run into the next', async () => {
    const polluter = `globalThis.leaked = 1; var alsoLeaked = 2;
      Object.prototype.polluted = 'yes'; Array.prototype.push = null; JSON.stringify = () => 'evil';
      Lit.Actions.setResponse({ response: 'polluted' });`;
    expect(responseOf(await run(polluter))).toBe('polluted');
    const checker = `Lit.Actions.setResponse({ response: JSON.stringify([typeof leaked,
      typeof alsoLeaked, ({}).polluted, typeof [].push]) })`;
    expect(JSON.parse(responseOf(await run(checker)))).toEqual([
      'undefined',
      'undefined',
      null,
      'function',
    ]);
  });
});

describe('console', () => {
  it('captures log, info, warn, error and debug as lines', async () => {
    const code = `console.log('one', 2, true, null, undefined, 3n);
      console.info({ a: [1] }); console.warn('w'); console.error(new Error('e'));
      console.debug(function named() {}); console.log(Symbol('s'));`;
    const result = await run(code);
    expect(result.ok).toBe(true);
    const lines = result.logs.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'one 2 true null undefined 3n',
      '{"a":[1]}',
      'w',
      'Error: e',
    ]);
    expect(lines[4]).toMatch(/^ {4}at <eval> \(action\.js:2/);
    expect(lines.slice(-2)).toEqual(['[Function: named]', 'Symbol(s)']);
  });

  it('caps logs at maxLogBytes and says so', async () => {
    const result = await runLitAction(
      request('for (let i = 0; i < 100; i++) console.log("line " + i)', {
        limits: { maxLogBytes: 20 },
      }),
    );
    expect(result.logs).toBe('line 0\nline 1\nline 2\n[logs truncated]');
    // Cut between characters, in UTF-8 bytes.
    const wide = await runLitAction(
      request('console.log("é".repeat(1e6))', { limits: { maxLogBytes: 11 } }),
    );
    expect(wide.logs).toBe('ééééé\n[logs truncated]');
  });
});

describe('async actions', () => {
  it('runs until every await and pending job settles', async () => {
    const code = `const wait = (n) => new Promise((resolve) => { let p = Promise.resolve(); for (let i = 0; i < n; i++) p = p.then(() => null); p.then(resolve); });
      const go = async () => {
        const parts = await Promise.all([1, 2, 3].map(async (n) => { await wait(n * 10); return n * n; }));
        console.log('parts', parts.join(','));
        // Not awaited by go itself: still runs before the result is taken.
        wait(50).then(() => Lit.Actions.setResponse({ response: String(parts.reduce((a, b) => a + b)) }));
      };
      go();`;
    expect(await run(code)).toEqual({ ok: true, response: '14', logs: 'parts 1,4,9' });
  });

  it('reports an uncaught exception with the logs so far', async () => {
    const result = await run('console.log("before"); throw new TypeError("bad thing");');
    expect(result).toMatchObject({
      ok: false,
      errorCode: 'NodeJsExecutionError',
      logs: 'before',
    });
    expect(!result.ok && result.message).toMatch(/^Uncaught TypeError: bad thing\n {4}at <eval>/);
    const value = await run('throw { code: 7 }');
    expect(!value.ok && value.message).toBe('Uncaught {"code":7}');
    const syntax = await run('const = 1');
    expect(!syntax.ok && syntax.message).toMatch(/^Uncaught SyntaxError/);
  });

  it("reports a rejection of the action's promise", async () => {
    const code = `const go = async () => { console.log('start'); await null; throw new Error('boom'); };
      go();`;
    const result = await run(code);
    expect(result).toMatchObject({ ok: false, errorCode: 'NodeJsExecutionError', logs: 'start' });
    expect(!result.ok && result.message).toMatch(/^Uncaught \(in promise\) Error: boom\n {4}at go/);
    const rejected = await run('Promise.reject(new RangeError("nope"))');
    expect(!rejected.ok && rejected.message).toMatch(/^Uncaught \(in promise\) RangeError: nope/);
    const caught = await run('(async () => { throw new Error("x") })().catch(() => {})');
    expect(caught.ok).toBe(true);
  });

  it('finishes an action that waits on a promise nothing will resolve', async () => {
    const code = 'Lit.Actions.setResponse({ response: "set" }); new Promise(() => {});';
    expect(await run(code)).toEqual({ ok: true, response: 'set', logs: '' });
  });

  it('runs four actions at once, each with its own result', async () => {
    const code = `(async () => {
      let x = 0; for (let i = 0; i < 200000; i++) x = (x + i * id) % 1000003;
      await null; console.log('id', id);
      Lit.Actions.setResponse({ response: JSON.stringify({ id, x }) });
    })()`;
    const expected = (id: number) => {
      let x = 0;
      for (let i = 0; i < 200000; i++) x = (x + i * id) % 1000003;
      return { id, x };
    };
    const ids = [1, 2, 3, 4];
    const results = await Promise.all(ids.map((id) => run(code, { id })));
    results.forEach((result, i) => {
      expect(JSON.parse(responseOf(result))).toEqual(expected(ids[i]!));
      expect(result.logs).toBe(`id ${ids[i]}`);
    });
  });
});
