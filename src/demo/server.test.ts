import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDemoArgs, startDemoServer, type DemoServer } from './server';

describe('demo server', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer(0);
  });
  afterAll(() => demo.close());

  it('serves the demo page and its script', async () => {
    const page = await fetch(demo.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('window.__litAtFirstScript');
    expect((await fetch(new URL('/demo.js', demo.url))).status).toBe(200);
  });

  it("serves the steps' modules and ethers' browser build", async () => {
    for (const path of ['/brokered.js', '/sig-watch.js', '/step-button.js']) {
      const response = await fetch(new URL(path, demo.url));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/javascript');
    }
    const ethers = await fetch(new URL('/vendor/ethers.js', demo.url));
    expect(ethers.status).toBe(200);
    // An ES module exporting `ethers`, importing nothing the server does not serve.
    const code = await ethers.text();
    expect(code).toMatch(/export\s*\{[^}]*\bethers\b/);
    expect(code).not.toMatch(/^import\s/m);
  });

  it('serves nothing else', async () => {
    for (const path of [
      '/server.ts',
      '/../server.ts',
      '/%2e%2e/server.ts',
      '/public/index.html',
      '/sig-watch.d.ts',
      '/vendor/ethers.esm.min.js',
      '/vendor/',
    ]) {
      expect((await fetch(new URL(path, demo.url))).status, path).toBe(404);
    }
    expect((await fetch(demo.url, { method: 'POST' })).status).toBe(405);
  });
});

/** A raw request, so the test can send the Host and Origin a browser (or an attacker) would. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('demo API guards', () => {
  let bare: DemoServer;
  let withoutChain: DemoServer;
  beforeAll(async () => {
    bare = await startDemoServer(0);
    // A chain URL nothing listens on: the guards run before anything is asked of it.
    withoutChain = await startDemoServer(0, { rpcUrl: 'http://127.0.0.1:9' });
  });
  afterAll(async () => {
    await bare.close();
    await withoutChain.close();
  });

  const json = { 'content-type': 'application/json' };

  it('answers 503 without a devnet, and 502 with one line when the devnet is down', async () => {
    expect(await rawRequest(new URL('/api/config', bare.url).href, {})).toMatchObject({
      status: 503,
      body: { error: { code: 'no_devnet' } },
    });
    const down = await rawRequest(new URL('/api/config', withoutChain.url).href, {});
    expect(down.status).toBe(502);
    expect(down.body.error?.code).toBe('devnet_unavailable');
    expect(down.body.error?.message).not.toMatch(/\n\s+at /);
  });

  it('refuses other hosts (DNS rebinding) and other origins', async () => {
    const url = new URL('/api/pkp', withoutChain.url).href;
    const body = JSON.stringify({ address: '0x' + '11'.repeat(20) });
    for (const headers of [
      { ...json, host: 'evil.example' },
      { ...json, host: `evil.example:${new URL(url).port}` },
      { ...json, origin: 'http://evil.example' },
      { ...json, origin: 'http://127.0.0.1:1' },
    ]) {
      expect(
        await rawRequest(url, { method: 'POST', headers, body }),
        JSON.stringify(headers),
      ).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    }
  });

  it('takes JSON bodies within the limit only, and names bad requests', async () => {
    const url = new URL('/api/pkp', withoutChain.url).href;
    const post = (headers: Record<string, string>, body: string) =>
      rawRequest(url, { method: 'POST', headers, body });
    expect(await post({ 'content-type': 'text/plain' }, '{}')).toMatchObject({
      status: 415,
      body: { error: { code: 'unsupported_media_type' } },
    });
    expect(await post(json, '{"address":')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_json' } },
    });
    expect(await post(json, 'x'.repeat(300 * 1024))).toMatchObject({
      status: 413,
      body: { error: { code: 'payload_too_large' } },
    });
    expect(await post(json, '{"address":"0x12"}')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request', message: expect.stringMatching(/^address: /) } },
    });
    expect(await rawRequest(url, {})).toMatchObject({ status: 405 });
    expect(await rawRequest(new URL('/api/nothing', withoutChain.url).href, {})).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
  });
});

describe('parseDemoArgs', () => {
  it('takes --port and rejects anything else with one clear message', () => {
    expect(parseDemoArgs([])).toEqual({ port: 5180 });
    expect(parseDemoArgs(['--port', '8080'])).toEqual({ port: 8080 });
    expect(() => parseDemoArgs(['--port'])).toThrow(
      '--port needs a number from 1 to 65535, got nothing',
    );
    expect(() => parseDemoArgs(['--port', '70000'])).toThrow('got 70000');
    expect(() => parseDemoArgs(['--port', '-1'])).toThrow('got -1');
    expect(() => parseDemoArgs(['--verbose'])).toThrow('unknown argument: --verbose');
  });
});
