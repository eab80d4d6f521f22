// The thin path through every context: page → content script → service worker and back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, expect, litRequest, stopServiceWorker, test } from './fixtures';

const manifestVersion = (
  JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { version: string }
).version;

test("window.lit exists before the page's first <head> script runs", async ({ page, demo }) => {
  await page.goto(demo.url);
  expect(
    await page.evaluate(
      () => (window as unknown as { __litAtFirstScript: string }).__litAtFirstScript,
    ),
  ).toBe('object');
});

test('lit_ping resolves with the version and the worker start time', async ({ page, demo }) => {
  await page.goto(demo.url);
  const { result } = await litRequest(page, { method: 'lit_ping' });
  const pong = result as { version: string; workerStartedAt: string };
  expect(pong.version).toBe(manifestVersion);
  expect(new Date(pong.workerStartedAt).toISOString()).toBe(pong.workerStartedAt);
  expect(Object.keys(pong).sort()).toEqual(['version', 'workerStartedAt']);
});

test('a request made by the first inline script, before the relay could answer, still resolves', async ({
  page,
  demo,
}) => {
  await page.route(`${demo.url}early`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><head><script>
        window.__early = window.lit.request({ method: 'lit_ping' }).then((r) => r.version, (e) => 'error ' + e.code);
      </script></head><body></body>`,
    }),
  );
  await page.goto(`${demo.url}early`);
  expect(
    await page.evaluate(() => (window as unknown as { __early: Promise<string> }).__early),
  ).toBe(manifestVersion);
});

test('an unknown method rejects with 4200 and the worker keeps answering', async ({
  page,
  demo,
}) => {
  await page.goto(demo.url);
  const { error } = await litRequest(page, { method: 'eth_sendTransaction', params: [] });
  expect(error).toMatchObject({ code: 4200, message: 'Unsupported method: eth_sendTransaction' });
  expect((await litRequest(page, { method: 'lit_ping' })).result).toMatchObject({
    version: manifestVersion,
  });
});

test('malformed calls reject with -32602 and the worker keeps answering', async ({
  page,
  demo,
}) => {
  await page.goto(demo.url);
  const malformed = await page.evaluate(async () => {
    const lit = (window as unknown as { lit: { request: (...a: unknown[]) => Promise<unknown> } })
      .lit;
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: { code: number; message: string }) => ({
          code: e.code,
          message: e.message,
          isError: e instanceof Error,
        }),
      );
    return {
      noMethod: await codeOf(lit.request({ params: {} })),
      emptyMethod: await codeOf(lit.request({ method: '' })),
      stringParams: await codeOf(lit.request({ method: 'lit_ping', params: 'x' })),
      numberParams: await codeOf(lit.request({ method: 'lit_ping', params: 7 })),
      stringArgument: await codeOf(lit.request('lit_ping')),
      noArgument: await codeOf(lit.request()),
      functionParams: await codeOf(lit.request({ method: 'lit_ping', params: { f: () => 1 } })),
    };
  });
  for (const outcome of Object.values(malformed)) {
    expect(outcome).toMatchObject({ code: -32602, isError: true });
  }
  // The worker validates too: unexpected params are named.
  const { error } = await litRequest(page, { method: 'lit_ping', params: { extra: 1 } });
  expect(error?.code).toBe(-32602);
  expect(error?.message).toContain('params');
  expect((await litRequest(page, { method: 'lit_ping' })).result).toMatchObject({
    version: manifestVersion,
  });
});

test('hostile messages posted straight to the relay get -32602 from the worker, not a crash', async ({
  page,
  demo,
}) => {
  await page.goto(demo.url);
  const replies = await page.evaluate(async () => {
    const ask = (request: unknown) =>
      new Promise((resolve) => {
        const id = crypto.randomUUID();
        const onMessage = (e: MessageEvent) => {
          const d = e.data as { source?: string; type?: string; id?: string };
          if (d?.source === 'lit-companion:content' && d.type === 'response' && d.id === id) {
            window.removeEventListener('message', onMessage);
            resolve(d);
          }
        };
        window.addEventListener('message', onMessage);
        window.postMessage({ source: 'lit-companion:inpage', type: 'request', id, request }, '/');
      });
    return [
      await ask({ method: 42 }),
      await ask('lit_ping'),
      await ask({ method: 'lit_ping', params: 'x'.repeat(100_000) }),
      await ask(null),
    ];
  });
  for (const reply of replies) expect(reply).toMatchObject({ error: { code: -32602 } });
  expect((await litRequest(page, { method: 'lit_ping' })).result).toMatchObject({
    version: manifestVersion,
  });
});

test('lit_ping works after the service worker is stopped, and a new worker answers', async ({
  page,
  demo,
  extension,
}) => {
  await page.goto(demo.url);
  const before = (await litRequest(page, { method: 'lit_ping' })).result as {
    workerStartedAt: string;
  };
  await stopServiceWorker(extension, page);
  const after = (await litRequest(page, { method: 'lit_ping' })).result as {
    workerStartedAt: string;
  };
  expect(after.workerStartedAt).not.toBe(before.workerStartedAt);
  expect(Date.parse(after.workerStartedAt)).toBeGreaterThan(Date.parse(before.workerStartedAt));
});

test('the provider announces itself and re-announces on lit:requestProvider', async ({
  page,
  demo,
}) => {
  await page.goto(demo.url);
  const seen = await page.evaluate(() => {
    const details: CustomEvent['detail'][] = [];
    window.addEventListener('lit:announceProvider', (e) => details.push((e as CustomEvent).detail));
    window.dispatchEvent(new Event('lit:requestProvider'));
    window.dispatchEvent(new Event('lit:requestProvider'));
    const d = details[0];
    return {
      count: details.length,
      sameDetail: details[0] === details[1],
      frozen: Object.isFrozen(d) && Object.isFrozen(d.info),
      providerIsWindowLit: d.provider === (window as unknown as { lit: unknown }).lit,
      info: d.info,
    };
  });
  expect(seen.count).toBe(2);
  expect(seen.sameDetail).toBe(true);
  expect(seen.frozen).toBe(true);
  expect(seen.providerIsWindowLit).toBe(true);
  expect(seen.info.name).toBe('Lit Companion');
  expect(seen.info.rdns).toBe('com.litcompanion');
  expect(seen.info.uuid).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  expect(seen.info.icon).toMatch(/^data:image\/svg\+xml,/);
});
