// Turns an approved request into a session: a fresh non-extractable key in the vault, the SIWE +
// ReCap capability for it signed by the chosen wallet, the signature checked, then the record.
import { createSessionCapabilityMessage } from '../../protocol/session-sigs';
import { createWalletAuthSig, type WalletAuthSig } from '../../protocol/auth-sig';
import { toChecksumAddress } from '../../protocol/ethereum';
import { resourceKey } from '../../protocol/resources';
import { verifySiweMessage } from '../../protocol/siwe';
import { ProviderErrorCode, type ApprovalDecision } from '../messages';
import { builtinSigner } from './builtin-account';
import { delegateCapacity } from './capacity-delegation';
import { ProviderRpcError } from './errors';
import { createSessionKey, deleteSessionKeys } from './key-vault';
import { currentNetwork } from './network';
import type { PageChannel } from './page-channel';
import { getPending, type PendingApproval } from './pending-approvals';
import type { SessionRecord } from './session-records';
import { addSession } from './session-store';

/** How long the page's wallet may take: the user confirms there. */
const WALLET_SIGN_TIMEOUT_MS = 5 * 60_000;

/** The wallet the user picked: it signs a session capability, or the auth method of a PKP one. */
export interface Signer {
  address: string;
  sign(message: string): Promise<WalletAuthSig>;
}

async function pageSigner(
  walletId: string | undefined,
  page: PageChannel | undefined,
): Promise<Signer> {
  if (!walletId) throw new ProviderRpcError(ProviderErrorCode.invalidParams, 'Pick a wallet');
  if (!page?.open) {
    throw new ProviderRpcError(ProviderErrorCode.disconnected, 'The page that asked is gone');
  }
  const accounts = await page.askWallet(
    { action: 'requestAccounts', walletId },
    WALLET_SIGN_TIMEOUT_MS,
  );
  if (!accounts[0]) {
    throw new ProviderRpcError(ProviderErrorCode.userRejected, 'The wallet shared no account');
  }
  const address = toChecksumAddress(accounts[0]);
  return {
    address,
    sign: async (message) => ({
      sig: await page.askWallet(
        { action: 'personalSign', walletId, message, address },
        WALLET_SIGN_TIMEOUT_MS,
      ),
      derivedVia: 'web3.eth.personal.sign',
      signedMessage: message,
      address,
    }),
  };
}

async function builtin(): Promise<Signer> {
  const { address, signer } = await builtinSigner();
  return { address, sign: (message) => createWalletAuthSig({ signer, message, address }) };
}

/** The wallet of an approval decision: the page's (asked through its Port) or the built-in one. */
export function signerFor(
  decision: Extract<ApprovalDecision, { approve: true }>,
  page: PageChannel | undefined,
): Promise<Signer> {
  return decision.walletSource === 'builtin' ? builtin() : pageSigner(decision.walletId, page);
}

/**
 * Signs `message` with the signer and checks, before anything is kept, that the signature is the
 * signer's over exactly this message.
 */
export async function signAndVerify(signer: Signer, message: string): Promise<WalletAuthSig> {
  const signed = await signer.sign(message);
  const verified = verifySiweMessage(message, signed.sig);
  if (!verified.ok || verified.signer !== signer.address || signed.signedMessage !== message) {
    throw new ProviderRpcError(
      ProviderErrorCode.internal,
      'The wallet signature does not match the message it was asked to sign',
    );
  }
  return signed;
}

/** The statement a wallet shows; the recap's own text is appended to it. */
function statementFor(origin: string): string {
  return `Lit Companion: let ${origin} use a Lit session key held by the extension.`;
}

/** The approved capabilities as a record lists them. */
export function recordCapabilities(
  requests: PendingApproval['resourceAbilityRequests'],
): SessionRecord['capabilities'] {
  return requests.map((r) => ({
    resource: resourceKey(r.resource),
    ability: r.ability,
    ...(r.data ? { data: r.data } : {}),
  }));
}

/** Stores the record unless the request was cancelled (revoke, disconnect) while it was signed. */
export async function keepIfStillWanted(pendingId: string, record: SessionRecord): Promise<void> {
  if ((await getPending(pendingId))?.state !== 'authorizing') {
    throw new ProviderRpcError(ProviderErrorCode.userRejected, 'The request was cancelled');
  }
  await addSession(record);
}

/** Creates the session for an approved request and returns its id. */
export async function authorizeSession(
  pending: PendingApproval,
  decision: Extract<ApprovalDecision, { approve: true }>,
  page: PageChannel | undefined,
): Promise<string> {
  const network = await currentNetwork();
  const signer = await signerFor(decision, page);
  const sessionKey = await createSessionKey(pending.origin);
  try {
    const issuedAt = new Date().toISOString();
    const message = createSessionCapabilityMessage({
      sessionPublicKey: sessionKey.publicKey,
      walletAddress: signer.address,
      nonce: network.latestBlockhash.replace(/^0x/, ''),
      domain: new URL(pending.origin).host,
      statement: statementFor(pending.origin),
      issuedAt,
      expiration: new Date(decision.expiration).toISOString(),
      resources: pending.resourceAbilityRequests,
    });
    // Nothing is stored unless the signature is the signer's, over exactly this message.
    const capability = await signAndVerify(signer, message);
    const capacityDelegation = await delegateCapacity(
      decision,
      signer.address,
      new Date(decision.expiration).toISOString(),
      network,
    );
    const record: SessionRecord = {
      id: crypto.randomUUID(),
      origin: pending.origin,
      publicKey: sessionKey.publicKey,
      authMethod: 'wallet',
      walletSource: decision.walletSource,
      address: signer.address,
      capabilities: recordCapabilities(pending.resourceAbilityRequests),
      issuedAt,
      expiration: new Date(decision.expiration).toISOString(),
      capability,
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
