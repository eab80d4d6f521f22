// A fresh QuickJS wasm instance per run, over a linear memory this module sizes and watches:
// QuickJS's own memory limit counts 8 bytes per allocation in this build (it has no
// malloc_usable_size under emscripten), so the real limit is the wasm memory itself.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  newQuickJSWASMModule,
  newVariant,
  RELEASE_SYNC,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';

const PAGE_BYTES = 65536;
/** The build's initial memory (static data, C stack, first heap); the instance rejects less. */
const BASE_BYTES = 16 * 1024 * 1024;
/** Emscripten grows the heap by up to 20% at a time; the hard cap leaves room for that step. */
const GROWTH_STEP = 1.2;

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

/** A new QuickJS instance whose heap may grow to about `memoryBytes`. */
export async function newQuickJSInstance(memoryBytes: number): Promise<QuickJSInstance> {
  const softCap = BASE_BYTES + memoryBytes;
  // The growth that crosses the limit must succeed so that it is seen; larger ones fail (OOM).
  const hardCap = Math.max(BASE_BYTES + memoryBytes * 1.25, softCap * GROWTH_STEP);
  const memory = new WebAssembly.Memory({
    initial: BASE_BYTES / PAGE_BYTES,
    maximum: Math.ceil(hardCap / PAGE_BYTES),
  });
  let exceeded = false;
  // Emscripten grows the heap through this JS call, so it is where the limit can be watched.
  const grow = memory.grow.bind(memory);
  memory.grow = (delta: number): number => {
    const previous = grow(delta);
    if (memory.buffer.byteLength > softCap) exceeded = true;
    return previous;
  };
  const wasmModule = await compiledQuickJS();
  const module = await newQuickJSWASMModule(
    newVariant(RELEASE_SYNC, { wasmModule, wasmMemory: memory }),
  );
  return { module, memoryExceeded: () => exceeded };
}
