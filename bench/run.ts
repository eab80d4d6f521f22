// `npm run bench [-- name…]`: runs the named benchmarks in bench/ (all of them when no name is given).
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { formatFigure, type AnyFigure } from './lib';

// Playwright watches the network of every service worker it drives (DevTools' Network domain,
// read when a worker attaches): each fetch of the extension's worker then cost ~2 ms more (a POST
// to a node 5.0 → 3.0 ms). Users have no debugger attached, so the benches measure without it.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK ??= '1';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

// A name selects `<name>.bench.ts` and every `<name>-*.bench.ts` (e.g. `protocol` → `protocol-bls`).
const matching = (name: string) => available.filter((f) => f === name || f.startsWith(`${name}-`));
const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (matching(name).length === 0) {
    console.error(`bench: no benchmark named "${name}" (have: ${available.join(', ') || 'none'})`);
    process.exit(2);
  }
}

let missed = 0;
for (const name of wanted.length ? [...new Set(wanted.flatMap(matching))] : available) {
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as {
    default: () => Promise<AnyFigure[]>;
  };
  console.log(`# ${name}`);
  for (const figure of await mod.default()) {
    const { line, ok } = formatFigure(figure);
    console.log(line);
    if (!ok) missed++;
  }
}
if (missed) {
  console.log(`bench: ${missed} target(s) missed`);
  process.exitCode = 1;
}
