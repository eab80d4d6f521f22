// What `npm run build` writes: a loadable MV3 extension with a synchronous MAIN-world provider.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, expect, test } from './fixtures';

interface ContentScript {
  js: string[];
  world?: string;
  run_at?: string;
}
const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
  manifest_version: number;
  background: { service_worker: string; type?: string };
  content_scripts: ContentScript[];
};
const read = (file: string) => readFileSync(join(DIST, file), 'utf8');

test('the manifest has a module service worker', () => {
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.background.type).toBe('module');
  expect(read(manifest.background.service_worker).length).toBeGreaterThan(0);
});

test('the MAIN-world provider runs at document_start from one self-contained file', () => {
  const main = manifest.content_scripts.filter((c) => c.world === 'MAIN');
  expect(main).toHaveLength(1);
  expect(main[0]!.run_at).toBe('document_start');
  expect(main[0]!.js).toHaveLength(1);
  const code = read(main[0]!.js[0]!);
  // No loader: no static or dynamic import, and no chrome.* (the MAIN world has none).
  expect(code).not.toMatch(/\bimport\s*\(/);
  expect(code).not.toMatch(/(^|[;}\s])import[\s{*'"]/);
  expect(code).not.toMatch(/\bchrome\./);
  expect(code.trimStart().startsWith('(function')).toBe(true);
  expect(code.length).toBeLessThan(8_000);
});

test('the content relay is a synchronous script at document_start too', () => {
  const isolated = manifest.content_scripts.filter((c) => c.world !== 'MAIN');
  expect(isolated).toHaveLength(1);
  expect(isolated[0]!.run_at).toBe('document_start');
  const code = read(isolated[0]!.js[0]!);
  expect(code).not.toMatch(/\bimport\s*\(/);
});

test("the service worker's import graph has no DOM or React code", () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = read(file);
    for (const m of code.matchAll(/(?:import|from)\s*["']\.{1,2}\/([^"']+)["']/g)) {
      visit(join(file, '..', m[1]!).replace(/^\.\//, ''));
    }
  };
  visit(manifest.background.service_worker);
  expect(seen.size).toBeGreaterThan(1);
  for (const file of seen) {
    const code = read(file);
    expect(code, file).not.toMatch(/\bdocument\.|react-dom|createElement\(/);
  }
  // Sanity: the React pages do exist, just not in the worker's graph.
  const assets = readdirSync(join(DIST, 'assets'));
  expect(assets.some((f) => read(join('assets', f)).includes('createRoot'))).toBe(true);
});
