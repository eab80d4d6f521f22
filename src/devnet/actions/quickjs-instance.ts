// A fresh QuickJS wasm instance per run, over a linear memory this module sizes and watches:
// QuickJS's own memory limit counts 8 bytes per allocation in this build (it has no
// malloc_usable_size under emscripten), so the real limit is the wasm memory itself.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  newQuickJSWASMModule,
  newVariant,
  RELEASE_SYNC,
  type EmscriptenModuleLoaderOptions,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';

const PAGE_BYTES = 65536;
/** The build's initial memory (static data, C stack, first heap); the instance rejects less. */
const BASE_BYTES = 16 * 1024 * 1024;
/** Emscripten grows the heap by up to 20% at a time; the hard cap leaves room for that step. */
const GROWTH_STEP = 1.2;

const GROWTH_REFUSED = new RangeError('the action reached its memory limit');

// Emscripten prints an abort (QuickJS asserting on a runtime freed after OOM) to stderr; the
// abort still throws, and the instance is dropped, so the print is only noise.
const SILENT = { print: () => {}, printErr: () => {} } as EmscriptenModuleLoaderOptions;

let compiled: Promise<WebAssembly.Module> | undefined;

/** Compiles the QuickJS wasm once per thread; instantiating it then takes a few milliseconds. */
function compiledQuickJS(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    // Resolved from quickjs-emscripten's own location: the variant is its dependency, not ours.
    const fromQuickJS = createRequire(createRequire(import.meta.url).resolve('quickjs-emscripten'));
    const path = fromQuickJS.resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
    return WebAssembly.compile(await readFile(path));
  })();
  return compiled;
}

export interface QuickJSInstance {
  module: QuickJSWASMModule;
  /** True once the heap grew past the limit. */
  memoryExceeded(): boolean;
}

/**
 * A new QuickJS instance whose heap may grow to about `memoryBytes`. `onExceeded` runs once,
 * when the heap first grows past it.
 */
export async function newQuickJSInstance(
  memoryBytes: number,
  onExceeded?: () => void,
): Promise<QuickJSInstance> {
  const softCap = BASE_BYTES + memoryBytes;
  // The growth that crosses the limit must succeed so that it is seen; larger ones fail (OOM).
  const hardCap = Math.max(BASE_BYTES + memoryBytes * 1.25, softCap * GROWTH_STEP);
  const maxPages = Math.ceil(hardCap / PAGE_BYTES);
  const memory = new WebAssembly.Memory({ initial: BASE_BYTES / PAGE_BYTES, maximum: maxPages });
  let exceeded = false;
  // Emscripten grows the heap through this JS call, so it is where the limit can be watched.
  const grow = memory.grow.bind(memory);
  memory.grow = (delta: number): number => {
    // Refused without V8 building a RangeError: an action catching OOMs in a loop fails fast.
    if (memory.buffer.byteLength / PAGE_BYTES + delta > maxPages) throw GROWTH_REFUSED;
    const previous = grow(delta);
    if (!exceeded && memory.buffer.byteLength > softCap) {
      exceeded = true;
      onExceeded?.();
    }
    return previous;
  };
  const wasmModule = await compiledQuickJS();
  const module = await newQuickJSWASMModule(
    newVariant(RELEASE_SYNC, { wasmModule, wasmMemory: memory, emscriptenModule: SILENT }),
  );
  return { module, memoryExceeded: () => exceeded };
}
