// Runs one Lit Action in a fresh QuickJS instance: prelude, jsParams, the code, then every
// pending job and host call until all settle, the time limit passes or memory runs out.
import type {
  QuickJSContext,
  QuickJSDeferredPromise,
  QuickJSHandle,
  QuickJSRuntime,
} from 'quickjs-emscripten';
import { LogBuffer } from './log-buffer';
import { newQuickJSInstance, type QuickJSInstance } from './quickjs-instance';
import { PRELUDE_SOURCE } from './sandbox-prelude';
import { readThrownValue } from './thrown-value';
import type { SandboxJob } from './worker-messages';
import type { LitActionResult } from './types';

/** QuickJS's C-stack budget: ~3 000 frames, safe with the worker's 32 MB thread stack. */
const QUICKJS_STACK_BYTES = 512 * 1024;
/** Jobs run between two looks at the host's event loop (host replies, the deadline). */
const JOB_SLICE = 1000;
/** An argument of a host call is JSON text of at most this many UTF-8 bytes. */
const MAX_HOST_ARGS_BYTES = 1024 * 1024;

/** How the worker reaches host functions: resolves with JSON text, rejects with a message. */
export interface HostBridge {
  call(name: string, argsJson: string | undefined): Promise<string | undefined>;
}

type Stop = 'timeout' | 'memory';

/**
 * Runs `job`; never throws (a failure of the sandbox itself is `LitActionSandboxFault`).
 * `onMemoryExceeded` tells the node's thread at once, in case the action stalls after that.
 */
export async function evaluateAction(
  job: SandboxJob,
  bridge: HostBridge,
  onMemoryExceeded?: () => void,
): Promise<LitActionResult> {
  const logs = new LogBuffer(job.limits.maxLogBytes);
  let run: ActionRun | undefined;
  try {
    const instance = await newQuickJSInstance(job.limits.memoryBytes, onMemoryExceeded);
    run = new ActionRun(job, bridge, instance, logs);
    return await run.execute();
  } catch (error) {
    return run ? run.classifyHostError(error) : fault(error, logs);
  } finally {
    run?.dispose();
  }
}

function fault(error: unknown, logs: LogBuffer): LitActionResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    errorCode: 'LitActionSandboxFault',
    message: `sandbox failure: ${message}`,
    logs: logs.toString(),
  };
}

class ActionRun {
  private readonly deadline: number;
  private readonly runtime: QuickJSRuntime;
  private readonly ctx: QuickJSContext;
  private readonly handles: QuickJSHandle[] = [];
  private readonly pendingCalls = new Map<number, QuickJSDeferredPromise>();
  private stop: Stop | undefined;
  private response = '';
  private hostCalls = 0;
  private closed = false;
  /** Wakes the driver when a host call settles. */
  private wake: (() => void) | undefined;

  constructor(
    private readonly job: SandboxJob,
    private readonly bridge: HostBridge,
    private readonly instance: QuickJSInstance,
    private readonly logs: LogBuffer,
  ) {
    this.deadline = Date.now() + job.limits.timeoutMs;
    this.runtime = instance.module.newRuntime();
    // QuickJS counts allocations, not bytes, in this build: this only refuses single huge ones.
    this.runtime.setMemoryLimit(job.limits.memoryBytes);
    this.runtime.setMaxStackSize(QUICKJS_STACK_BYTES);
    this.runtime.setInterruptHandler(() => this.shouldStop());
    this.ctx = this.runtime.newContext();
  }

  /** Polled by QuickJS while it runs code; once it says stop, it says so for good. */
  private shouldStop(): boolean {
    if (this.stop === undefined) {
      if (this.instance.memoryExceeded()) this.stop = 'memory';
      else if (Date.now() > this.deadline) this.stop = 'timeout';
    }
    return this.stop !== undefined;
  }

  async execute(): Promise<LitActionResult> {
    const setup = this.installPrelude();
    if (setup) return this.failure(setup, '');
    const evaluated = this.ctx.evalCode(this.job.code, 'action.js', { type: 'global' });
    if (evaluated.error) return this.failure(this.keep(evaluated.error), 'Uncaught ');
    const completion = this.keep(evaluated.value);
    const jobError = await this.settle();
    if (jobError) return this.failure(jobError, 'Uncaught ');
    if (this.stop || this.instance.memoryExceeded()) return this.failure(undefined, '');
    // The usual `(async () => {...})()` and `go();` leave the action's promise as the value.
    const state = this.ctx.getPromiseState(completion);
    if (state.type === 'rejected')
      return this.failure(this.keep(state.error), 'Uncaught (in promise) ');
    if (state.type === 'fulfilled' && !state.notAPromise) this.keep(state.value);
    return { ok: true, response: this.response, logs: this.logs.toString() };
  }

  /** Runs jobs and waits for host calls until nothing is left; returns a job's fatal error. */
  private async settle(): Promise<QuickJSHandle | undefined> {
    for (;;) {
      while (this.runtime.hasPendingJob()) {
        const ran = this.runtime.executePendingJobs(JOB_SLICE);
        if (ran.error) return this.keep(ran.error);
        if (this.shouldStop()) return undefined;
        // Lets host replies in; the interrupt handler bounds each slice by the deadline.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (this.shouldStop() || this.pendingCalls.size === 0) return undefined;
      await this.nextHostReply();
    }
  }

  private nextHostReply(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, this.deadline - Date.now()) + 1);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  /** Builds `console`, `Lit` and the jsParams globals; returns the error if that threw. */
  private installPrelude(): QuickJSHandle | undefined {
    const ctx = this.ctx;
    const prelude = ctx.evalCode(PRELUDE_SOURCE, 'prelude.js', { type: 'global' });
    if (prelude.error) return this.keep(prelude.error);
    const fn = this.keep(prelude.value);
    const host = this.keep(ctx.newObject());
    const define = (name: string, impl: (...args: QuickJSHandle[]) => QuickJSHandle | undefined) =>
      ctx.setProp(host, name, this.keep(ctx.newFunction(name, impl)));
    define('log', (text) => {
      this.logs.append(ctx.getString(text));
      return undefined;
    });
    define('setResponse', (text) => this.setResponse(ctx.getString(text)));
    define('call', (name, args) =>
      this.startHostCall(
        ctx.getString(name),
        ctx.typeof(args) === 'string' ? ctx.getString(args) : undefined,
      ),
    );
    const names = this.keep(ctx.newArray());
    this.job.hostFunctionNames.forEach((name, i) =>
      ctx.setProp(names, i, this.keep(ctx.newString(name))),
    );
    const { maxLogBytes, maxResponseBytes } = this.job.limits;
    const caps = this.keep(ctx.newObject());
    for (const [key, value] of [
      ['logBytes', maxLogBytes],
      ['responseBytes', maxResponseBytes],
      ['argsBytes', MAX_HOST_ARGS_BYTES],
    ] as const) {
      ctx.setProp(caps, key, this.keep(ctx.newNumber(value)));
    }
    const args = [
      host,
      this.keep(ctx.newString(this.job.authContextJson)),
      this.keep(ctx.newString(this.job.jsParamsJson)),
      names,
      caps,
    ];
    const called = ctx.callFunction(fn, ctx.undefined, args);
    if (called.error) return this.keep(called.error);
    this.keep(called.value);
    return undefined;
  }

  private setResponse(text: string): QuickJSHandle | undefined {
    const max = this.job.limits.maxResponseBytes;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > max) {
      return this.ctx.newString(
        `Lit.Actions.setResponse: the response is over the limit of ${max} bytes`,
      );
    }
    this.response = text;
    return undefined;
  }

  /** Starts `Lit.Actions.<name>(args)` on the host: a promise, or an error message. */
  private startHostCall(name: string, argsJson: string | undefined): QuickJSHandle {
    const max = this.job.limits.maxHostCalls;
    if (this.hostCalls >= max) {
      return this.ctx.newString(`Lit.Actions.${name}: over the limit of ${max} host calls per run`);
    }
    if (argsJson !== undefined && Buffer.byteLength(argsJson, 'utf8') > MAX_HOST_ARGS_BYTES) {
      return this.ctx.newString(
        `Lit.Actions.${name}: the argument is over ${MAX_HOST_ARGS_BYTES} bytes of JSON`,
      );
    }
    const callId = ++this.hostCalls;
    const deferred = this.ctx.newPromise();
    this.pendingCalls.set(callId, deferred);
    this.bridge.call(name, argsJson).then(
      (json) => this.finishHostCall(callId, { ok: true, json }),
      (error: unknown) =>
        this.finishHostCall(callId, {
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    // QuickJS gets its own reference; the deferred keeps resolving it.
    return deferred.handle;
  }

  private finishHostCall(
    callId: number,
    outcome: { ok: true; json: string | undefined } | { ok: false; message: string },
  ): void {
    const deferred = this.pendingCalls.get(callId);
    if (this.closed || !deferred) return;
    this.pendingCalls.delete(callId);
    try {
      if (!outcome.ok) {
        this.ctx.newError({ name: 'Error', message: outcome.message }).consume(deferred.reject);
      } else if (outcome.json === undefined) {
        deferred.resolve(this.ctx.undefined);
      } else {
        this.ctx.newString(outcome.json).consume(deferred.resolve);
      }
    } finally {
      deferred.dispose();
      this.wake?.();
    }
  }

  /** The failure for a stop, a thrown value (prefixed as Deno prints it) or both. */
  private failure(thrown: QuickJSHandle | undefined, prefix: string): LitActionResult {
    const logs = this.logs.toString();
    const read = thrown ? readThrownValue(this.ctx, thrown) : undefined;
    if (this.stop === 'memory' || this.instance.memoryExceeded() || read?.outOfMemory) {
      const message = `Lit Action exceeded its memory limit of ${this.job.limits.memoryBytes} bytes`;
      return { ok: false, errorCode: 'NodeJsMemoryLimitError', message, logs };
    }
    if (this.stop === 'timeout') {
      const message = `Lit Action timed out after ${this.job.limits.timeoutMs} ms`;
      return { ok: false, errorCode: 'NodeJsTimeoutError', message, logs };
    }
    const message = prefix + (read?.text ?? 'unknown error');
    return { ok: false, errorCode: 'NodeJsExecutionError', message, logs };
  }

  /** A host-side exception out of QuickJS: V8's stack limit, or a broken wasm instance. */
  classifyHostError(error: unknown): LitActionResult {
    if (this.stop || this.instance.memoryExceeded()) return this.failure(undefined, '');
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      const logs = this.logs.toString();
      const message = 'Uncaught InternalError: stack overflow';
      return { ok: false, errorCode: 'NodeJsExecutionError', message, logs };
    }
    return fault(error, this.logs);
  }

  private keep(handle: QuickJSHandle): QuickJSHandle {
    this.handles.push(handle);
    return handle;
  }

  /** Frees everything; the wasm instance is dropped anyway, so a failure here is harmless. */
  dispose(): void {
    this.closed = true;
    this.wake?.();
    const steps: (() => void)[] = [
      ...[...this.pendingCalls.values()].map((d) => () => d.dispose()),
      ...this.handles.reverse().map((h) => () => h.alive && h.dispose()),
      () => this.ctx.dispose(),
      () => this.runtime.dispose(),
    ];
    for (const step of steps) {
      try {
        step();
      } catch {
        // The instance may be out of memory or aborted; it is garbage after this run.
      }
    }
    this.pendingCalls.clear();
  }
}
