import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SandboxPool } from './sandbox-pool';
import { request } from './test-fixtures';

const pools: SandboxPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

function pool(options: ConstructorParameters<typeof SandboxPool>[0] = {}): SandboxPool {
  const p = new SandboxPool(options);
  pools.push(p);
  return p;
}

const respond = (value: string) =>
  `Lit.Actions.setResponse({ response: ${JSON.stringify(value)} })`;

/** Stays in one native call for minutes: QuickJS checks cycles in O(depth²), uninterruptibly. */
const NATIVE_STALL = 'let v = []; for (let i = 0; i < 1e5; i++) v = [v]; JSON.stringify(v);';

describe('SandboxPool', () => {
  it('starts workers only when needed, and no more than its size', async () => {
    const p = pool({ size: 2 });
    expect(p.workerCount).toBe(0);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        p.run(request(`(async () => { await null; ${respond(`r${i}`)} })()`)),
      ),
    );
    expect(results.map((r) => r.ok && r.response)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect(p.workerCount).toBeLessThanOrEqual(2);
  });

  it('terminates a worker stuck in a native call, then runs the next action on a new one', async () => {
    const p = pool({ size: 1, backstopGraceMs: 200 });
    expect(await p.run(request(respond('warm')))).toMatchObject({ ok: true });
    const start = performance.now();
    const stuck = await p.run(request(NATIVE_STALL, { limits: { timeoutMs: 300 } }));
    const ms = performance.now() - start;
    expect(stuck).toEqual({
      ok: false,
      errorCode: 'NodeJsTimeoutError',
      message: 'Lit Action timed out after 300 ms (worker terminated)',
      logs: '',
    });
    // The time limit, then the grace, before the worker goes ("worker terminated" says who).
    expect(ms).toBeGreaterThanOrEqual(500);
    expect(p.workerCount).toBe(0);
    expect(await p.run(request(respond('after')))).toEqual({
      ok: true,
      response: 'after',
      logs: '',
    });
    expect(p.workerCount).toBe(1);
  });

  it('keeps the other workers busy while one is stuck', async () => {
    const p = pool({ size: 2, backstopGraceMs: 200 });
    const stuck = p.run(request(NATIVE_STALL, { limits: { timeoutMs: 800 } }));
    const quick = await Promise.all([1, 2, 3].map((i) => p.run(request(respond(`q${i}`)))));
    expect(quick.map((r) => r.ok && r.response)).toEqual(['q1', 'q2', 'q3']);
    expect((await stuck).ok).toBe(false);
  });

  it('ends queued and running actions when closed, and refuses new ones', async () => {
    const p = pool({ size: 1 });
    const running = p.run(request('while (true) {}', { limits: { timeoutMs: 10_000 } }));
    const queued = p.run(request(respond('never')));
    await new Promise((r) => setTimeout(r, 100));
    await p.close();
    for (const result of [await running, await queued, await p.run(request('1'))]) {
      expect(result).toMatchObject({ ok: false, errorCode: 'LitActionSandboxFault' });
    }
  });

  it('refuses actions past its queue length instead of piling them up', async () => {
    const p = pool({ size: 1, maxQueued: 2 });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => p.run(request(respond('x')))),
    );
    const busy = results.filter((r) => !r.ok);
    expect(busy.length).toBeGreaterThanOrEqual(2);
    expect(busy[0]).toMatchObject({ errorCode: 'LitActionSandboxFault', busy: true });
    expect(!busy[0]!.ok && busy[0]!.message).toMatch(/^the sandbox is busy/);
  });

  it('counts the wait for a worker in the time limit: one still queued at its end is busy', async () => {
    const p = pool({ size: 1 });
    expect(await p.run(request(respond('warm')))).toMatchObject({ ok: true });
    const start = performance.now();
    const endless = p.run(request('while (true) {}', { limits: { timeoutMs: 1_500 } }));
    let endlessOver = false;
    void endless.then(() => (endlessOver = true));
    const queued = await p.run(request(respond('late'), { limits: { timeoutMs: 300 } }));
    const ms = performance.now() - start;
    // Answered at its own limit, while the action holding the worker still runs: not after it.
    expect(endlessOver).toBe(false);
    expect(queued).toEqual({
      ok: false,
      errorCode: 'LitActionSandboxFault',
      message: "the sandbox is busy: no worker came free within the action's time limit of 300 ms",
      logs: '',
      busy: true,
    });
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(await endless).toMatchObject({ errorCode: 'NodeJsTimeoutError' });
  });

  it('runs a queued action for what its wait left of the limit, and says so', async () => {
    const p = pool({ size: 1 });
    expect(await p.run(request(respond('warm')))).toMatchObject({ ok: true });
    const first = p.run(request('while (true) {}', { limits: { timeoutMs: 500 } }));
    const second = await p.run(request('while (true) {}', { limits: { timeoutMs: 1_500 } }));
    expect(second).toMatchObject({ ok: false, errorCode: 'NodeJsTimeoutError' });
    const said =
      /^Lit Action timed out after (\d+) ms \(its limit is 1500 ms; it waited (\d+) ms for a sandbox worker\)$/.exec(
        second.ok ? '' : second.message,
      );
    expect(said, second.ok ? 'ok' : second.message).not.toBeNull();
    const [ran, waited] = [Number(said![1]), Number(said![2])];
    // It waited out the first one's limit, then ran for what that left of its own: before, it
    // got its full 1.5 s after the wait.
    expect(waited).toBeGreaterThanOrEqual(500);
    expect(ran + waited).toBe(1_500);
    expect((await first).ok).toBe(false);
  });

  it('does not count a worker starting up against the action', async () => {
    // The first run of a worker loads tsx and compiles the wasm: 0.5–1 s, far over 300 ms.
    const p = pool({ size: 1 });
    const cold = await p.run(request(respond('cold'), { limits: { timeoutMs: 300 } }));
    expect(cold).toEqual({ ok: true, response: 'cold', logs: '' });
  });
});

describe('the worker entry', () => {
  it('loads under node --import tsx, as the devnet runs', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const script = `import { SandboxPool } from './src/devnet/actions/index.ts';
      const pool = new SandboxPool();
      const r = await pool.run({ code: 'Lit.Actions.setResponse({ response: String(6 * 7) })',
        authContext: { actionIpfsIds: [], authSigAddress: null, authMethodContexts: [], resources: [], customAuthResource: '' } });
      console.log(JSON.stringify(r)); await pool.close();`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { cwd: root, timeout: 15_000 },
    );
    expect(JSON.parse(stdout)).toEqual({ ok: true, response: '42', logs: '' });
  });
});
