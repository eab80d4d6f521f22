import { afterAll, describe, expect, it } from 'vitest';
import { SandboxPool } from './sandbox-pool';
import { request } from './test-fixtures';

const respond = (value: string) =>
  `Lit.Actions.setResponse({ response: ${JSON.stringify(value)} })`;

describe('many runs', () => {
  const p = new SandboxPool({ size: 2 });
  afterAll(() => p.close());

  it('stays within bounded memory over 500 runs', async () => {
    const code = `(async () => { const big = 'v'.repeat(1e5) + id; console.log(id);
      await null; ${respond('done')}; })()`;
    const batch = (from: number) =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) => p.run(request(code, { jsParams: { id: from + i } }))),
      );
    for (let i = 0; i < 3; i++) await batch(i * 20); // warm-up: workers and compiled wasm
    const before = process.memoryUsage().rss;
    let done = 0;
    for (let i = 0; i < 25; i++) {
      const results = await batch(1000 + i * 20);
      done += results.filter((r) => r.ok && r.response === 'done').length;
    }
    const growth = process.memoryUsage().rss - before;
    expect(done).toBe(500);
    // Each run has its own 16 MiB+ wasm memory: had they leaked, 500 of them, gigabytes.
    expect(growth).toBeLessThan(160 * 1024 * 1024);
  });

  it('gives back the memory of heavy runs', async () => {
    // Each run fills about 24 MiB of its own wasm memory, then ends.
    const code = `const a = []; for (let i = 0; i < 24; i++) a.push(new Array(1e5).fill(i));
      ${respond('heavy')}`;
    const heavy = () => p.run(request(code));
    await Promise.all([heavy(), heavy()]);
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 15; i++) {
      const results = await Promise.all([heavy(), heavy()]);
      expect(results.map((r) => r.ok && r.response)).toEqual(['heavy', 'heavy']);
    }
    const growth = process.memoryUsage().rss - before;
    // 30 runs × 40+ MiB would be over a gigabyte if the instances were kept.
    expect(growth).toBeLessThan(300 * 1024 * 1024);
  });
});
