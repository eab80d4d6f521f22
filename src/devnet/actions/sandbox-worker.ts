// A sandbox worker thread: runs one Lit Action at a time in a fresh QuickJS instance and
// forwards its host calls to the node's thread.
import { parentPort } from 'node:worker_threads';
import { evaluateAction, type HostBridge } from './evaluate-action';
import { MEMORY_EXCEEDED } from './worker-messages';
import type { FromWorker, SandboxJob, ToWorker } from './worker-messages';

const port = parentPort;
if (!port) throw new Error('sandbox-worker must run in a worker thread');

const post = (message: FromWorker) => port.postMessage(message);

/** Host calls of the current job waiting for the node's reply. */
const waiting = new Map<
  number,
  { resolve: (json: string | undefined) => void; reject: (e: Error) => void }
>();
let currentJob = 0;

function bridgeFor(jobId: number): HostBridge {
  let nextCallId = 0;
  return {
    call(name, argsJson) {
      const callId = ++nextCallId;
      return new Promise((resolve, reject) => {
        waiting.set(callId, { resolve, reject });
        post({ type: 'hostCall', jobId, callId, name, argsJson });
      });
    },
  };
}

async function run(jobId: number, job: SandboxJob, status: Int32Array): Promise<void> {
  currentJob = jobId;
  // Shared memory, so the node's thread sees it even while this thread is stuck.
  const result = await evaluateAction(job, bridgeFor(jobId), () =>
    Atomics.store(status, 0, MEMORY_EXCEEDED),
  );
  waiting.clear();
  post({ type: 'done', jobId, result });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') {
    void run(message.jobId, message.job, new Int32Array(message.status));
  } else if (message.type === 'hostReply' && message.jobId === currentJob) {
    const call = waiting.get(message.callId);
    if (!call) return;
    waiting.delete(message.callId);
    if (message.ok) call.resolve(message.json);
    else call.reject(new Error(message.message));
  }
});

post({ type: 'ready' });
