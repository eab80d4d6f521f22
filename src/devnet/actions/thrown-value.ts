// Reads what an action threw (an Error or any value) into the text of Lit's `error` field.
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import { truncateUtf8 } from './log-buffer';

const MAX_MESSAGE_BYTES = 16 * 1024;
/** A runaway recursion repeats one frame thousands of times; the first few say enough. */
const MAX_STACK_LINES = 10;

export interface ThrownValue {
  /** `Error: boom` plus QuickJS's stack lines, or the value itself for a non-Error. */
  text: string;
  /** QuickJS ran out of memory while running the action. */
  outOfMemory: boolean;
}

/** Describes a thrown value; getters on it may run action code, under the run's interrupt. */
export function readThrownValue(ctx: QuickJSContext, handle: QuickJSHandle): ThrownValue {
  try {
    if (ctx.eq(handle, ctx.null)) return { text: 'null', outOfMemory: false };
    const name = stringProp(ctx, handle, 'name');
    const message = stringProp(ctx, handle, 'message');
    if (message !== undefined) {
      const stack = stringProp(ctx, handle, 'stack')
        ?.split('\n')
        .filter((line) => line.trim())
        .slice(0, MAX_STACK_LINES)
        .join('\n');
      const head = `${name ?? 'Error'}: ${message}`;
      return {
        text: truncateUtf8(stack ? `${head}\n${stack}` : head, MAX_MESSAGE_BYTES),
        outOfMemory: name === 'InternalError' && message === 'out of memory',
      };
    }
    const value: unknown = ctx.dump(handle);
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    return { text: truncateUtf8(text, MAX_MESSAGE_BYTES), outOfMemory: false };
  } catch {
    return { text: '[a value that could not be read]', outOfMemory: false };
  }
}

function stringProp(ctx: QuickJSContext, handle: QuickJSHandle, key: string): string | undefined {
  if (ctx.typeof(handle) !== 'object') return undefined;
  const prop = ctx.getProp(handle, key);
  try {
    return ctx.typeof(prop) === 'string' ? ctx.getString(prop) : undefined;
  } finally {
    prop.dispose();
  }
}
