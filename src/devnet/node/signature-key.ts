// What replay protection and delegation `uses` counting key on: one signature, however it is
// spelled. `recoverAddress` accepts v as 0/1 or 27/28, with or without `0x`, in either case, so
// keying on the text would let one signature count as four; keying on r ‖ s ‖ recovery id (low s
// is already enforced) makes them one.
import { createHash } from 'node:crypto';
import { authSigKind, type AuthSig } from '../../protocol/auth-sig';
import { fromHex, toHex } from '../../protocol/bytes';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * sha256 (hex) of a 65-byte r ‖ s ‖ v wallet signature in its standard spelling: `0x`, lowercase,
 * v = 27 + recovery id. That is what wallets and Lit's SDK send, so a key recorded before keys were
 * canonical (sha256 of the lowercased text) is the same key for such a signature.
 * Throws a TypeError when `sig` is not 65 bytes of hex with v ∈ {0, 1, 27, 28}.
 */
export function walletSignatureKey(sig: string): string {
  const bytes = fromHex(sig, 65, 'signature');
  const v = bytes[64]!;
  const recovery = v >= 27 ? v - 27 : v;
  if (recovery !== 0 && recovery !== 1) throw new TypeError(`signature: invalid v ${v}`);
  const canonical = Uint8Array.from(bytes);
  canonical[64] = 27 + recovery;
  return sha256Hex(`0x${toHex(canonical)}`);
}

/**
 * The key of a session capability's signature: a wallet's by `walletSignatureKey`, the network's
 * (`{"ProofOfPossession":"<96-byte hex>"}`, whose compressed G2 encoding is unique) by its bytes,
 * in the lowercased standard spelling keys had before they were canonical. Call it only on a
 * capability whose signature verified.
 */
export function capabilitySignatureKey(capability: AuthSig): string {
  if (authSigKind(capability) !== 'network') return walletSignatureKey(capability.sig);
  const hex = (JSON.parse(capability.sig) as { ProofOfPossession: string }).ProofOfPossession;
  const standard = JSON.stringify({ ProofOfPossession: toHex(fromHex(hex, 96)) }).toLowerCase();
  return sha256Hex(standard);
}
