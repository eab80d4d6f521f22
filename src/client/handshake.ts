// The handshake (wire doc §7): every node says which network key it serves and the latest
// block hash (the SIWE nonce); the client keeps the value most nodes agree on.
import { z } from 'zod/mini';
import { toHex } from '../protocol/bytes';
import { postJson } from './node-call';
import { gather, mostCommon, type Gathered } from './gather';

const hex = (bytes: number) =>
  z.string().check(z.regex(new RegExp(`^(0x)?[0-9a-fA-F]{${bytes * 2}}$`)));

const handshakeResponseSchema = z.object({
  serverPublicKey: z.string(),
  subnetPublicKey: z.string(),
  networkPublicKey: hex(48),
  networkPublicKeySet: z.string(),
  clientSdkVersion: z.string(),
  hdRootPubkeys: z.array(z.string()),
  attestation: z.nullable(z.unknown()),
  latestBlockhash: hex(32),
});
export type HandshakeResponse = z.infer<typeof handshakeResponseSchema>;

export interface NetworkState {
  /** Nodes that completed the handshake. */
  nodeUrls: string[];
  networkPublicKey: string;
  hdRootPubkeys: string[];
  latestBlockhash: string;
  /** Nodes that did not answer, and why. */
  failures: Gathered<HandshakeResponse>['failures'];
}

export class HandshakeError extends Error {
  constructor(
    message: string,
    readonly failures: Gathered<HandshakeResponse>['failures'],
  ) {
    super(message);
    this.name = 'HandshakeError';
  }
}

/** Handshakes with every node; needs `threshold` good answers that agree on the network key. */
export async function handshake(
  nodeUrls: readonly string[],
  options: { epoch: number; threshold: number; timeoutMs: number },
): Promise<NetworkState> {
  const gathered = await gather(
    nodeUrls,
    async (url, signal) => {
      const challenge = toHex(crypto.getRandomValues(new Uint8Array(32)));
      const body = { clientPublicKey: 'test', challenge, epoch: options.epoch };
      const answer = await postJson(`${url}/web/handshake/`, body, {
        timeoutMs: options.timeoutMs,
        signal,
      });
      return handshakeResponseSchema.parse(answer);
    },
    // Waits for every node (within the timeout) so the agreement is over all of them.
    { enough: (s) => s.length === nodeUrls.length, timeoutMs: options.timeoutMs },
  );
  const answers = gathered.successes.map((s) => s.value);
  const networkPublicKey = mostCommon(answers, (a) => a.networkPublicKey)?.networkPublicKey;
  const agreeing = gathered.successes.filter((s) => s.value.networkPublicKey === networkPublicKey);
  if (!networkPublicKey || agreeing.length < options.threshold) {
    throw new HandshakeError(
      `handshake: ${agreeing.length} of ${nodeUrls.length} nodes answered in agreement, ` +
        `${options.threshold} needed (${gathered.failures.map((f) => f.error.message).join('; ') || 'no errors'})`,
      gathered.failures,
    );
  }
  const agreed = agreeing.map((s) => s.value);
  return {
    nodeUrls: agreeing.map((s) => s.url),
    networkPublicKey: networkPublicKey.replace(/^0x/, ''),
    hdRootPubkeys: mostCommon(agreed, (a) => a.hdRootPubkeys.join(','))!.hdRootPubkeys,
    latestBlockhash: mostCommon(agreed, (a) => a.latestBlockhash)!.latestBlockhash,
    failures: gathered.failures,
  };
}
