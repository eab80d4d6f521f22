// Test and bench fixtures for access control: the session requests, a `:userAddress` condition,
// and wallet session sigs made with our protocol code (what the extension's worker does).
import { createWalletAuthSig, type AuthSig } from '../protocol/auth-sig';
import type { MessageSigner } from '../protocol/ethereum';
import type { LitResourceAbilityRequest } from '../protocol/resources';
import { generateSessionKey } from '../protocol/session-key';
import { createSessionCapabilityMessage, createSessionSigs } from '../protocol/session-sigs';

const anyCondition = (ability: string): LitResourceAbilityRequest => ({
  resource: { resource: '*', resourcePrefix: 'lit-accesscontrolcondition' },
  ability,
});
export const DECRYPTION = [anyCondition('access-control-condition-decryption')];
export const ACCESS_CONTROL = [...DECRYPTION, anyCondition('access-control-condition-signing')];

/** A basic condition: the user is `address`. */
export const userIs = (address: string) => ({
  contractAddress: '',
  chain: 'ethereum',
  standardContractType: '',
  method: '',
  parameters: [':userAddress'],
  returnValueTest: { comparator: '=', value: address },
});

/** A fresh session key's sigs for `nodeUrls`, authorized by `signer`'s wallet capability. */
export async function walletSessionSigs(
  signer: Required<MessageSigner>,
  options: {
    nonce: string;
    nodeUrls: readonly string[];
    resources?: LitResourceAbilityRequest[];
    expiresInMs?: number;
  },
): Promise<Record<string, AuthSig>> {
  const resources = options.resources ?? ACCESS_CONTROL;
  const expiration = new Date(Date.now() + (options.expiresInMs ?? 600_000)).toISOString();
  const sessionKey = generateSessionKey();
  const capability = await createWalletAuthSig({
    signer,
    message: createSessionCapabilityMessage({
      walletAddress: await signer.getAddress(),
      nonce: options.nonce,
      sessionPublicKey: sessionKey.publicKey,
      resources,
      expiration,
    }),
  });
  return createSessionSigs({
    sessionKey,
    capabilities: [capability],
    resourceAbilityRequests: resources,
    nodeUrls: [...options.nodeUrls],
    expiration,
  });
}
