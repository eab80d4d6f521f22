import { describe, expect, it } from 'vitest';
import { request, sandboxForTests } from './test-fixtures';
import type { HostCallContext, HostFunction } from './types';

const runLitAction = sandboxForTests();

/** A fake `Lit.Actions.signEcdsa`: records its calls and answers with a fake signature. */
function fakeSigner() {
  const calls: unknown[] = [];
  const signEcdsa: HostFunction = async (args) => {
    calls.push(args);
    await new Promise((r) => setTimeout(r, 5));
    const { toSign, sigName } = args as { toSign: number[]; sigName: string };
    return {
      sigName,
      signature: `0x${toSign.map((b) => b.toString(16).padStart(2, '0')).join('')}`,
    };
  };
  return { calls, signEcdsa };
}

describe('host functions as Lit.Actions', () => {
  it('exposes each as an async Lit.Actions method with JSON in and out', async () => {
    const { calls, signEcdsa } = fakeSigner();
    const code = `(async () => {
      const pending = Lit.Actions.signEcdsa({ toSign: [1, 2, 255], publicKey: '0x04', sigName: 'sig1' });
      const isPromise = pending instanceof Promise;
      const result = await pending;
      Lit.Actions.setResponse({ response: JSON.stringify({ isPromise, result,
        name: Lit.Actions.signEcdsa.name, frozen: Object.isFrozen(Lit.Actions) }) });
    })()`;
    const result = await runLitAction(request(code, { hostFunctions: { signEcdsa } }));
    expect(result.ok && JSON.parse(result.response)).toEqual({
      isPromise: true,
      result: { sigName: 'sig1', signature: '0x0102ff' },
      name: 'signEcdsa',
      frozen: true,
    });
    expect(calls).toEqual([{ toSign: [1, 2, 255], publicKey: '0x04', sigName: 'sig1' }]);
  });

  it('runs calls concurrently and keeps their answers apart', async () => {
    const { calls, signEcdsa } = fakeSigner();
    const code = `(async () => {
      const sigs = await Promise.all(['a', 'b', 'c'].map((sigName, i) =>
        Lit.Actions.signEcdsa({ toSign: [i], sigName })));
      Lit.Actions.setResponse({ response: sigs.map((s) => s.sigName + '=' + s.signature).join(' ') });
    })()`;
    const result = await runLitAction(request(code, { hostFunctions: { signEcdsa } }));
    expect(result).toEqual({ ok: true, response: 'a=0x00 b=0x01 c=0x02', logs: '' });
    expect(calls).toHaveLength(3);
  });

  it('passes undefined for no argument and gives undefined back for no result', async () => {
    const seen: unknown[] = [];
    const getRpcUrl: HostFunction = async (args) => {
      seen.push(args);
      return undefined;
    };
    const code = `(async () => { const r = await Lit.Actions.getRpcUrl();
      Lit.Actions.setResponse({ response: typeof r }); })()`;
    expect(await runLitAction(request(code, { hostFunctions: { getRpcUrl } }))).toMatchObject({
      ok: true,
      response: 'undefined',
    });
    expect(seen).toEqual([undefined]);
  });

  it('turns a host failure into a rejection the action can catch or leave uncaught', async () => {
    const checkConditions: HostFunction = async () => {
      throw new Error('condition check failed: no RPC');
    };
    const caught = `(async () => {
      try { await Lit.Actions.checkConditions({}); } catch (e) {
        Lit.Actions.setResponse({ response: e.name + ': ' + e.message + ' / ' + (e instanceof Error) });
      }
    })()`;
    expect(await runLitAction(request(caught, { hostFunctions: { checkConditions } }))).toEqual({
      ok: true,
      response: 'Error: condition check failed: no RPC / true',
      logs: '',
    });
    const uncaught = '(async () => { await Lit.Actions.checkConditions({}); })()';
    const result = await runLitAction(request(uncaught, { hostFunctions: { checkConditions } }));
    expect(result).toMatchObject({ ok: false, errorCode: 'NodeJsExecutionError' });
    expect(!result.ok && result.message).toMatch(
      /^Uncaught \(in promise\) Error: condition check failed: no RPC\n {4}at checkConditions/,
    );
  });

  it('rejects arguments or results that are not JSON', async () => {
    const echo: HostFunction = async (args) => args;
    const bigResult: HostFunction = async () => 10n;
    const code = `(async () => {
      const out = [];
      try { await Lit.Actions.echo({ n: 1n }); } catch (e) { out.push(e.name); }
      try { await Lit.Actions.bigResult(); } catch (e) { out.push(e.message); }
      Lit.Actions.setResponse({ response: out.join(' | ') });
    })()`;
    const result = await runLitAction(request(code, { hostFunctions: { echo, bigResult } }));
    expect(result.ok && result.response).toMatch(/^TypeError \| .*BigInt/);
  });

  it('limits host calls per run (default 50)', async () => {
    let count = 0;
    const ping: HostFunction = async () => ++count;
    const code = `(async () => {
      let ok = 0, refused = '';
      for (let i = 0; i < 60; i++) {
        try { await Lit.Actions.ping(); ok++; } catch (e) { refused = e.message; }
      }
      Lit.Actions.setResponse({ response: ok + ' ' + refused });
    })()`;
    const result = await runLitAction(request(code, { hostFunctions: { ping } }));
    expect(result.ok && result.response).toBe(
      '50 Lit.Actions.ping: over the limit of 50 host calls per run',
    );
    expect(count).toBe(50);
    const three = await runLitAction(
      request(code, { hostFunctions: { ping }, limits: { maxHostCalls: 3 } }),
    );
    expect(three.ok && three.response).toMatch(/^3 /);
  });

  it('aborts the signal of a host call still running when the action times out', async () => {
    let context: HostCallContext | undefined;
    const slow: HostFunction = (_args, call) => {
      context = call;
      return new Promise(() => {});
    };
    const code = '(async () => { await Lit.Actions.slow({}); })()';
    const result = await runLitAction(
      request(code, { hostFunctions: { slow }, limits: { timeoutMs: 200 } }),
    );
    expect(result).toMatchObject({ ok: false, errorCode: 'NodeJsTimeoutError' });
    expect(context?.signal.aborted).toBe(true);
  });

  it('leaves a host call that answers after its run ended without effect on the next run', async () => {
    let release: (() => void) | undefined;
    const late: HostFunction = () => new Promise((resolve) => (release = () => resolve('late')));
    const first = await runLitAction(
      request('(async () => { await Lit.Actions.late(); })()', {
        hostFunctions: { late },
        limits: { timeoutMs: 150 },
      }),
    );
    expect(first).toMatchObject({ ok: false, errorCode: 'NodeJsTimeoutError' });
    const second = runLitAction(
      request(`(async () => { await null; Lit.Actions.setResponse({ response: 'second' }); })()`),
    );
    release!();
    expect(await second).toEqual({ ok: true, response: 'second', logs: '' });
  });
});

describe('runOnce in the prelude (the node side is a fake here)', () => {
  /** A fake node side that makes this node the leader and records every step. */
  function fakeLeader(publish: (args: unknown) => Promise<undefined> = async () => undefined) {
    const calls: { op: string; [key: string]: unknown }[] = [];
    const runOnce: HostFunction = async (args) => {
      const step = args as { op: string };
      calls.push(step);
      if (step.op === 'role') return { leader: true };
      if (step.op === 'publish') return publish(args);
      return undefined;
    };
    return { calls, runOnce };
  }
  const LINE = 100_000;
  const code = `(async () => {
    const r = await Lit.Actions.runOnce({ waitForResponse: true, name: 'x' }, async () => {
      console.log('before');
      for (let i = 0; i < 3; i++) console.log('y'.repeat(${LINE}));
      return 'done';
    });
    Lit.Actions.setResponse({ response: r });
  })()`;

  it('hands the others at most maxLogBytes of the lines fn printed, marked as cut', async () => {
    const { calls, runOnce } = fakeLeader();
    const result = await runLitAction(request(code, { hostFunctions: { runOnce } }));
    expect(result).toMatchObject({ ok: true, response: 'done' });
    const publish = calls.find((c) => c.op === 'publish') as unknown as { logs: string[] };
    // 100 KiB in all with the "\n" between lines, as much as a node keeps of its own logs.
    const room = 100 * 1024 - ('before'.length + 1) - (LINE + 1);
    expect(publish.logs.map((line) => line.length)).toEqual([6, LINE, room, 16]);
    expect(publish.logs.at(-1)).toBe('[logs truncated]');
    expect(result.ok && result.logs.endsWith('\n[logs truncated]')).toBe(true);
  });

  it('a publish that fails tells the others it is not coming, and fails the action', async () => {
    const refusal = 'runOnce: 0 of 2 other nodes accepted the result, 1 needed: too big';
    const { calls, runOnce } = fakeLeader(async () => {
      throw new Error(refusal);
    });
    const result = await runLitAction(request(code, { hostFunctions: { runOnce } }));
    expect(calls.map((c) => c.op)).toEqual(['role', 'publish', 'abandon']);
    expect(calls[2]).toEqual({ op: 'abandon', name: 'x', reason: refusal });
    expect(result).toMatchObject({ ok: false, errorCode: 'NodeJsExecutionError' });
    expect(!result.ok && result.message).toContain(refusal);
  });
});
