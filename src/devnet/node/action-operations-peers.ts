// `Lit.Actions.runOnce` (node side) and `getRpcUrl`. runOnce's leader is the same on every node:
// `sha256(X-Request-Id) mod n` over the validator list. The leader runs the function and sends
// its result (and the log lines it printed) to the others over the peer channel; they wait for
// it, so every node returns the same response and logs. The sandbox's prelude drives the steps
// (`role`, `publish`, `collect`, and `abandon` when publishing failed) since a JS function cannot
// cross into the node. A result fewer than threshold − 1 peers accepted fails the leader's
// runOnce, and the leader then tells the others it is not coming, so they stop waiting.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EVM_CHAINS } from '../../protocol/access-control-names';
import type { HostFunction } from '../actions';
import { argsOf } from './action-operations-args';
import type { ActionRunEnv } from './action-operations-env';

const name = z.string().min(1).max(200);
const runOnceArgs = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('role') }),
  z.strictObject({
    op: z.literal('publish'),
    name,
    response: z.string().max(100 * 1024),
    logs: z.array(z.string().max(100 * 1024)).max(10_000),
  }),
  z.strictObject({ op: z.literal('abandon'), name, reason: z.string().max(1000) }),
  z.strictObject({ op: z.literal('collect'), name }),
]);
/** What the leader sends: its result, or why there is none. */
const leaderMessage = z.union([
  z.strictObject({ response: z.string(), logs: z.array(z.string()) }),
  z.strictObject({ failed: z.string() }),
]);

/** The node index that leads runOnce for a request: alike on every node. */
export function runOnceLeader(requestId: string, nodeCount: number): number {
  const digest = createHash('sha256').update(requestId).digest('hex');
  return Number(BigInt('0x' + digest) % BigInt(nodeCount));
}

const topicOf = (runName: string) => `runOnce:${runName}`;

export function peerHostFunctions(env: ActionRunEnv): Record<string, HostFunction> {
  const leader = () => {
    if (env.requestId === null) {
      throw new Error(
        'runOnce: the request has no X-Request-Id header, so the nodes cannot agree on a leader',
      );
    }
    const nodes = env.peers.nodes();
    const node = nodes[runOnceLeader(env.requestId, nodes.length)]!;
    return { node, isSelf: node.index === env.selfIndex };
  };
  return {
    runOnce: async (raw, { signal }) => {
      const args = argsOf(runOnceArgs, raw, 'runOnce');
      const { node, isSelf } = leader();
      if (args.op === 'role') return { leader: isSelf };
      if (args.op === 'publish') {
        if (!isSelf) throw new Error('runOnce: only the leader publishes');
        const outcome = await env.peers.broadcast(env.requestKey, topicOf(args.name), {
          response: args.response,
          logs: args.logs,
        });
        // A peer that is down is no reason to fail; too few peers holding the result is: then
        // fewer than `threshold` nodes could answer alike anyway.
        const needed = env.threshold - 1;
        if (outcome !== undefined && outcome.delivered.length < needed) {
          const reasons = [...new Set(outcome.failed.map((f) => f.reason))].join('; ');
          throw new Error(
            `runOnce: ${outcome.delivered.length} of ${outcome.delivered.length + outcome.failed.length} ` +
              `other nodes accepted the result, ${needed} needed: ${reasons.slice(0, 500)}`,
          );
        }
        return undefined;
      }
      if (args.op === 'abandon') {
        if (!isSelf) throw new Error('runOnce: only the leader abandons');
        await env.peers.broadcast(env.requestKey, topicOf(args.name), {
          failed: args.reason.replace(/^runOnce: /, ''),
        });
        return undefined;
      }
      if (isSelf) throw new Error('runOnce: the leader has nothing to collect');
      const payload = await env.peers.receive(
        node.nodeAddress,
        env.requestKey,
        topicOf(args.name),
        signal,
      );
      const parsed = leaderMessage.safeParse(payload);
      if (!parsed.success) throw new Error('runOnce: the leader sent a malformed result');
      if ('failed' in parsed.data) {
        throw new Error(`runOnce: the leader could not share its result: ${parsed.data.failed}`);
      }
      return parsed.data;
    },
    getRpcUrl: async (raw) => {
      const { chain } = argsOf(z.object({ chain: z.string().max(64) }), raw, 'getRpcUrl');
      if (!EVM_CHAINS.includes(chain))
        throw new Error(`getRpcUrl: unknown chain ${JSON.stringify(chain)}`);
      if (env.rpcUrl === null) throw new Error('getRpcUrl: this node does not know the chain URL');
      // Every EVM chain name resolves to the devnet's chain stand-in.
      return env.rpcUrl;
    },
  };
}
