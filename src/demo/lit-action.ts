// The demo's Lit Actions. The first authorizes sessions: the nodes run it when the dApp asks for a
// Lit Action session, and sign the session for the PKP only when it answers "true". The second
// signs: the dApp runs it through the extension (`lit_executeJs`) and the PKP signs the digest it
// sends. The PKP the demo prepares permits both CIDs.
import { ipfsCidV0 } from '../protocol/ipfs-cid';

/** Plain JavaScript, as a dApp author writes it; `magicWord` comes from `jsParams`. */
export const DEMO_ACTION_CODE = `// Lit Companion demo: authorize the session only when the dApp knows the magic word.
(async () => {
  const allowed = magicWord === 'open sesame';
  console.log(allowed ? 'magic word accepted' : 'wrong magic word: ' + magicWord);
  Lit.Actions.setResponse({ response: allowed ? 'true' : 'false' });
})();
`;

export const DEMO_ACTION = {
  code: DEMO_ACTION_CODE,
  ipfsId: ipfsCidV0(DEMO_ACTION_CODE),
  jsParams: { magicWord: 'open sesame' },
} as const;

/** The signature's name in the run's `signatures`. */
export const SIGNING_ACTION_SIG_NAME = 'demo';

/** `toSign` (32 bytes as numbers) and `publicKey` (the PKP's) come from `jsParams`. */
export const SIGNING_ACTION_CODE = `// Lit Companion demo: the PKP signs the 32-byte digest the dApp sends.
(async () => {
  console.log('signing ' + toSign.length + ' bytes with the PKP');
  await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: '${SIGNING_ACTION_SIG_NAME}' });
  Lit.Actions.setResponse({ response: 'signed' });
})();
`;

export const SIGNING_ACTION = {
  code: SIGNING_ACTION_CODE,
  ipfsId: ipfsCidV0(SIGNING_ACTION_CODE),
  sigName: SIGNING_ACTION_SIG_NAME,
} as const;
