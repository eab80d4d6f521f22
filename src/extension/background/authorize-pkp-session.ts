// Turns an approved PKP or Lit Action request into a session: a fresh non-extractable key in the
// vault; the user's wallet signs a short-lived plain SIWE that becomes the EthWallet auth method;
// the nodes authenticate it, check the PKP's permissions (and run the action), and sign the
// session capability with their BLS shares (src/client checks each share and the combined
// signature); the capability is checked again here against what was approved, then kept.
import { signSessionKey, SignSessionKeyError } from '../../client/sign-session-key';
import { ethWalletAuthMethod } from '../../protocol/auth-method';
import { sessionDigest, verifyBlsSignature } from '../../protocol/bls';
import { fromHex } from '../../protocol/bytes';
import { instantFromMillis, instantToMillis } from '../../protocol/rfc3339';
import { createSessionCapabilityMessage } from '../../protocol/session-sigs';
import { createSiweMessageWithRecaps } from '../../protocol/siwe-recap';
import { capabilityGrants, verifyCapabilitySignature } from '../../protocol/verify-capability';
import { ProviderErrorCode, type ApprovalDecision, type SigningProgress } from '../messages';
import {
  keepIfStillWanted,
  recordCapabilities,
  signAndVerify,
  signerFor,
} from './authorize-session';
import { delegateCapacity } from './capacity-delegation';
import { ProviderRpcError } from './errors';
import { createSessionKey, deleteSessionKeys } from './key-vault';
import { currentNetwork, forgetNetwork, type KnownNetwork } from './network';
import type { PageChannel } from './page-channel';
import type { PendingApproval } from './pending-approvals';
import type { SessionRecord } from './session-records';
import { sessionRefusal } from './session-refusal';

/** The auth method only has to outlive the nodes' check of it. */
const AUTH_SIG_LIFETIME_MS = 10 * 60_000;
/** How long the nodes may take: PKP checks are quick, an action may run up to Lit's 30 s. */
export const PKP_SIGN_TIMEOUT_MS = 20_000;
export const LIT_ACTION_SIGN_TIMEOUT_MS = 45_000;

function capabilityStatement(pending: PendingApproval): string {
  return `Lit Companion: let ${pending.origin} use a Lit session key of PKP ${pending.pkp!.address}.`;
}

/** Nothing is kept unless the nodes signed exactly what was approved, for this key. */
function checkCapability(
  network: KnownNetwork,
  pending: PendingApproval,
  sessionPublicKey: string,
  capability: Awaited<ReturnType<typeof signSessionKey>>['authSig'],
  expiration: number,
): number {
  const at = instantFromMillis(Date.now());
  const verified = verifyCapabilitySignature(capability, at, {
    blsVerify: verifyBlsSignature,
    sessionDigest,
    networkPublicKey: fromHex(network.networkPublicKey, 48, 'network public key'),
  });
  const until = verified.ok && verified.value.expiration;
  if (
    !verified.ok ||
    !until ||
    capability.address !== pending.pkp!.address ||
    instantToMillis(until) !== expiration ||
    !pending.resourceAbilityRequests.every(
      (r) => capabilityGrants(verified.value, sessionPublicKey, r, at).ok,
    )
  ) {
    throw new ProviderRpcError(
      ProviderErrorCode.internal,
      'The Lit nodes signed a capability other than the one approved',
    );
  }
  return expiration;
}

/** Creates the PKP (or Lit Action) session for an approved request and returns its id. */
export async function authorizePkpSession(
  pending: PendingApproval,
  decision: Extract<ApprovalDecision, { approve: true }>,
  page: PageChannel | undefined,
  onProgress: (progress: SigningProgress) => Promise<void>,
): Promise<string> {
  const pkp = pending.pkp;
  const action = pending.litAction;
  if (!pkp || (pending.kind === 'lit-action') !== !!action) {
    throw new ProviderRpcError(ProviderErrorCode.internal, 'The request names no PKP');
  }
  const network = await currentNetwork();
  const signer = await signerFor(decision, page);
  const now = Date.now();
  const domain = new URL(pending.origin).host;
  // A plain SIWE: it proves the wallet to the nodes once, for this key only (they refuse a replay).
  const authSig = await signAndVerify(
    signer,
    createSiweMessageWithRecaps({
      walletAddress: signer.address,
      nonce: network.latestBlockhash,
      domain,
      uri: pending.origin,
      statement: `Lit Companion: sign in to the Lit network for a session of PKP ${pkp.address} for ${pending.origin}.`,
      issuedAt: new Date(now).toISOString(),
      expiration: new Date(now + AUTH_SIG_LIFETIME_MS).toISOString(),
    }),
  );

  const sessionKey = await createSessionKey(pending.origin);
  try {
    const expiration = Date.parse(new Date(decision.expiration).toISOString());
    const siweMessage = createSessionCapabilityMessage({
      sessionPublicKey: sessionKey.publicKey,
      walletAddress: pkp.address,
      nonce: network.latestBlockhash,
      domain,
      statement: capabilityStatement(pending),
      issuedAt: new Date(now).toISOString(),
      expiration: new Date(expiration).toISOString(),
      resources: pending.resourceAbilityRequests,
    });
    const progress: SigningProgress = {
      nodes: network.nodeUrls.length,
      needed: network.threshold,
      signed: [],
      failed: [],
    };
    // Writes are queued: each gets a copy of the progress as it was.
    const report = () =>
      onProgress({ ...progress, signed: [...progress.signed], failed: [...progress.failed] });
    await report();
    let signed;
    try {
      signed = await signSessionKey(network, {
        sessionPublicKey: sessionKey.publicKey,
        authMethods: [ethWalletAuthMethod(authSig)],
        pkpPublicKey: pkp.publicKey,
        siweMessage,
        ...(action?.code != null && { litActionCode: action.code }),
        ...(action?.ipfsId != null && { litActionIpfsId: action.ipfsId }),
        ...(action && { jsParams: action.jsParams }),
        timeoutMs: action ? LIT_ACTION_SIGN_TIMEOUT_MS : PKP_SIGN_TIMEOUT_MS,
        onNodeAnswer: ({ url, ok, error }) => {
          if (ok) progress.signed.push(url);
          else progress.failed.push({ url, error: (error ?? 'failed').slice(0, 300) });
          void report();
        },
      });
    } catch (e) {
      if (!(e instanceof SignSessionKeyError)) throw e;
      const refusal = sessionRefusal(e, {
        pkp,
        wallet: signer.address,
        nodes: network.nodeUrls.length,
        threshold: network.threshold,
        // A node whose share did not verify is among the failures, not the signers.
        signed: progress.signed.filter((url) => !e.failures.some((f) => f.url === url)).length,
      });
      // Nodes that cannot be reached may have moved: the next request finds the network again.
      if (refusal.code === ProviderErrorCode.disconnected) await forgetNetwork();
      throw refusal;
    }
    checkCapability(network, pending, sessionKey.publicKey, signed.authSig, expiration);
    // The nodes bill the session's user, the PKP: the credit is delegated to its address.
    const capacityDelegation = await delegateCapacity(
      decision,
      pkp.address,
      new Date(expiration).toISOString(),
      network,
    );
    const record: SessionRecord = {
      id: crypto.randomUUID(),
      origin: pending.origin,
      publicKey: sessionKey.publicKey,
      authMethod: pending.kind,
      walletSource: decision.walletSource,
      address: pkp.address,
      authWallet: signer.address,
      pkp,
      ...(action && {
        litAction: { cid: action.cid, size: action.size, jsParamsHash: action.jsParamsHash },
      }),
      capabilities: recordCapabilities(pending.resourceAbilityRequests),
      issuedAt: new Date(now).toISOString(),
      expiration: new Date(expiration).toISOString(),
      capability: signed.authSig,
      // A site holding the sigs can sign without asking: confirmations would only pretend.
      pkpSigning: pending.forMethod ? (decision.pkpSigning ?? 'confirm') : 'allow',
      pageGetsSigs: !pending.forMethod,
      ...(capacityDelegation && { capacityDelegation }),
    };
    await keepIfStillWanted(pending.id, record);
    return record.id;
  } catch (e) {
    await deleteSessionKeys([sessionKey.publicKey]);
    throw e;
  }
}
