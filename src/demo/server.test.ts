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

  it('serves nothing else', async () => {
    for (const path of ['/server.ts', '/../server.ts', '/%2e%2e/server.ts', '/public/index.html']) {
      expect((await fetch(new URL(path, demo.url))).status, path).toBe(404);
    }
    expect((await fetch(demo.url, { method: 'POST' })).status).toBe(405);
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
