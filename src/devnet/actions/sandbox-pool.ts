// A small pool of sandbox worker threads, so a running action never blocks the node's event
// loop. Workers start lazily; one that overruns its deadline is terminated and replaced. An
// action's time limit covers its wait for a worker as well as its run: once every worker is up,
// a queued action's clock runs, it gets only what is left when it starts, and one still waiting
// when its limit is up is refused as busy (before, 70 endless actions with a 3 s limit made the
// last caller wait 104 s).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LitActionRequestError } from './request-error';
import { validateRequest, type ValidatedRequest } from './validate-request';
import { MEMORY_EXCEEDED, type FromWorker, type ToWorker } from './worker-messages';
import type { HostFunction, LitActionErrorCode, LitActionRequest, LitActionResult } from './types';

export interface SandboxPoolOptions {
  /** Worker threads at most (default min(2, cores)). */
  size?: number;
  /** How long past an action's deadline its worker is terminated (default 1000 ms). */
  backstopGraceMs?: number;
  /** Actions that may wait for a worker; more are refused at once (default 64). */
  maxQueued?: number;
}

/** The worker's thread stack: QuickJS's 512 KiB C stack needs ~16 MB of V8 frames at worst. */
const WORKER_STACK_MB = 32;
const WORKER_URL = new URL('./sandbox-worker.mjs', import.meta.url);
/** How often a running job's memory flag is read, and how long its worker has after that. */
const MEMORY_POLL_MS = 50;
const MEMORY_GRACE_MS = 250;

interface Job {
  id: number;
  request: ValidatedRequest;
  resolve: (result: LitActionResult) => void;
  hostCalls: number;
  /** Aborts host functions still running when the action ends. */
  abort: AbortController;
  backstop?: NodeJS.Timeout;
  memoryWatch?: NodeJS.Timeout;
  /**
   * When its wait started to count against its time limit (performance.now()): not while the
   * pool is still starting a worker, which is the node's cost, not the action's.
   */
  queuedSince?: number;
  /** Refuses it as busy if it is still queued when its time limit is up. */
  queueTimer?: NodeJS.Timeout;
  /** Milliseconds of its limit spent waiting, set when it starts. */
  waitedMs: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
}

const failed = (errorCode: LitActionErrorCode, message: string): LitActionResult => ({
  ok: false,
  errorCode,
  message,
  logs: '',
});

/** The action did not run because every worker was taken: a 503 for callers. */
const busy = (detail: string): LitActionResult => ({
  ok: false,
  errorCode: 'LitActionSandboxFault',
  message: `the sandbox is busy: ${detail}`,
  logs: '',
  busy: true,
});

export class SandboxPool {
  private readonly size: number;
  private readonly graceMs: number;
  private readonly maxQueued: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextJobId = 0;
  private closed = false;

  constructor(options: SandboxPoolOptions = {}) {
    this.size = options.size ?? Math.min(2, availableParallelism());
    this.graceMs = options.backstopGraceMs ?? 1000;
    this.maxQueued = options.maxQueued ?? 64;
  }

  /** Runs one action; resolves with its result and never rejects. */
  run(request: LitActionRequest): Promise<LitActionResult> {
    let validated: ValidatedRequest;
    try {
      validated = validateRequest(request);
    } catch (error) {
      // Anything else came from reading the request itself (a throwing getter or proxy).
      const message =
        error instanceof LitActionRequestError
          ? error.message
          : `request: unreadable (${error instanceof Error ? error.message : String(error)})`;
      return Promise.resolve(failed('InvalidLitActionRequest', message));
    }
    if (this.closed)
      return Promise.resolve(failed('LitActionSandboxFault', 'the sandbox is closed'));
    if (this.queue.length >= this.maxQueued) {
      return Promise.resolve(busy(`${this.queue.length} actions wait`));
    }
    return new Promise((resolve) => {
      this.queue.push({
        id: ++this.nextJobId,
        request: validated,
        resolve,
        hostCalls: 0,
        abort: new AbortController(),
        waitedMs: 0,
      });
      this.pump();
    });
  }

  /** Terminates every worker; running and queued actions end with `LitActionSandboxFault`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.resolve(failed('LitActionSandboxFault', 'the sandbox is closed'));
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) {
      if (slot.job) this.finish(slot.job, failed('LitActionSandboxFault', 'the sandbox is closed'));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** Live worker threads (for tests and status). */
  get workerCount(): number {
    return this.slots.size;
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const idle = [...this.slots].find((s) => s.ready && !s.job);
      if (idle) {
        const job = this.queue.shift()!;
        const left = this.timeLeft(job);
        if (left < 1) this.finish(job, this.outOfTime(job));
        else this.dispatch(idle, job, left);
        continue;
      }
      // Start a worker only if none is already starting for these jobs.
      const starting = [...this.slots].filter((s) => !s.ready).length;
      if (this.slots.size < this.size && starting < this.queue.length) {
        this.spawn();
        continue;
      }
      break;
    }
    // Every worker is up and busy: from now on, waiting is the action's own time.
    if (this.queue.length > 0 && !this.closed && [...this.slots].every((s) => s.ready)) {
      for (const job of this.queue) this.startClock(job);
    }
  }

  private startClock(job: Job): void {
    if (job.queuedSince !== undefined) return;
    job.queuedSince = performance.now();
    job.queueTimer = setTimeout(() => {
      const at = this.queue.indexOf(job);
      if (at < 0) return;
      this.queue.splice(at, 1);
      this.finish(job, this.outOfTime(job));
    }, job.request.job.limits.timeoutMs);
  }

  /** Milliseconds of the job's time limit not yet spent waiting. */
  private timeLeft(job: Job): number {
    const waited = job.queuedSince === undefined ? 0 : performance.now() - job.queuedSince;
    return Math.floor(job.request.job.limits.timeoutMs - waited);
  }

  private outOfTime(job: Job): LitActionResult {
    const { timeoutMs } = job.request.job.limits;
    return busy(`no worker came free within the action's time limit of ${timeoutMs} ms`);
  }

  private spawn(): void {
    const worker = new Worker(WORKER_URL, {
      // The entry loads its TypeScript itself; the node's own flags (say --input-type) could
      // only break it.
      execArgv: [],
      resourceLimits: { stackSizeMb: WORKER_STACK_MB },
    });
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    worker.unref();
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onExit(slot, error.message));
    worker.on('exit', (code) => this.onExit(slot, `the sandbox worker exited with code ${code}`));
  }

  /** Runs `job` on `slot` with `timeoutMs`: what is left of its limit after its wait. */
  private dispatch(slot: Slot, job: Job, timeoutMs: number): void {
    clearTimeout(job.queueTimer);
    job.waitedMs = job.request.job.limits.timeoutMs - timeoutMs;
    slot.job = job;
    slot.worker.ref();
    const status = new Int32Array(new SharedArrayBuffer(4));
    const limits = { ...job.request.job.limits, timeoutMs };
    const message: ToWorker = {
      type: 'run',
      jobId: job.id,
      job: { ...job.request.job, limits },
      status: status.buffer as SharedArrayBuffer,
    };
    slot.worker.postMessage(message);
    const { memoryBytes } = limits;
    const overMemory = () => Atomics.load(status, 0) === MEMORY_EXCEEDED;
    const memoryError = () =>
      failed(
        'NodeJsMemoryLimitError',
        `Lit Action exceeded its memory limit of ${memoryBytes} bytes (worker terminated)`,
      );
    // The interrupt handler cannot stop a long native call (a huge JSON.stringify): this can.
    job.backstop = setTimeout(() => {
      const timeout = failed(
        'NodeJsTimeoutError',
        `Lit Action timed out after ${timeoutMs} ms (worker terminated)`,
      );
      this.terminate(slot, job, overMemory() ? memoryError() : timeout);
    }, timeoutMs + this.graceMs);
    // Past the heap limit each failed allocation runs QuickJS's GC, so an action that catches
    // them can stall for seconds between two interrupt checks: its worker goes sooner.
    job.memoryWatch = setInterval(() => {
      if (!overMemory()) return;
      clearInterval(job.memoryWatch);
      job.memoryWatch = setTimeout(() => this.terminate(slot, job, memoryError()), MEMORY_GRACE_MS);
    }, MEMORY_POLL_MS);
  }

  /** Ends a job whose worker does not answer in time, and lets a new worker replace it. */
  private terminate(slot: Slot, job: Job, result: LitActionResult): void {
    if (slot.job !== job || !this.slots.has(slot)) return;
    this.retire(slot);
    this.finish(job, result);
    void slot.worker.terminate();
    this.pump();
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.jobId) return;
    if (message.type === 'done') {
      slot.job = undefined;
      slot.worker.unref();
      this.finish(job, message.result);
      this.pump();
    } else {
      void this.hostCall(slot, job, message.callId, message.name, message.argsJson);
    }
  }

  private async hostCall(
    slot: Slot,
    job: Job,
    callId: number,
    name: string,
    argsJson: string | undefined,
  ): Promise<void> {
    let reply: ToWorker;
    try {
      const fn: HostFunction | undefined = job.request.hostFunctions.get(name);
      if (!fn) throw new Error(`Lit.Actions.${name} is not available`);
      if (++job.hostCalls > job.request.job.limits.maxHostCalls)
        throw new Error('too many host calls');
      const args: unknown = argsJson === undefined ? undefined : JSON.parse(argsJson);
      const value = await fn(args, { signal: job.abort.signal });
      const json = value === undefined ? undefined : JSON.stringify(value);
      reply = { type: 'hostReply', jobId: job.id, callId, ok: true, json };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = { type: 'hostReply', jobId: job.id, callId, ok: false, message };
    }
    if (slot.job === job) slot.worker.postMessage(reply);
  }

  private onExit(slot: Slot, reason: string): void {
    if (!this.slots.has(slot)) return;
    this.retire(slot);
    if (slot.job) {
      this.finish(slot.job, failed('LitActionSandboxFault', reason));
    } else if (!slot.ready) {
      // A worker that cannot even start would fail every queued action the same way.
      for (const job of this.queue.splice(0)) {
        job.resolve(failed('LitActionSandboxFault', `the sandbox worker did not start: ${reason}`));
      }
    }
    this.pump();
  }

  private retire(slot: Slot): void {
    this.slots.delete(slot);
    slot.worker.unref();
  }

  private finish(job: Job, result: LitActionResult): void {
    clearTimeout(job.queueTimer);
    clearTimeout(job.backstop);
    clearInterval(job.memoryWatch);
    job.abort.abort();
    if (!result.ok && result.errorCode === 'NodeJsTimeoutError' && job.waitedMs > 0) {
      // Its run had only what the wait left of the limit: say so, or the numbers do not add up.
      const { timeoutMs } = job.request.job.limits;
      const note = `its limit is ${timeoutMs} ms; it waited ${job.waitedMs} ms for a sandbox worker`;
      result = { ...result, message: `${result.message} (${note})` };
    }
    job.resolve(result);
  }
}
