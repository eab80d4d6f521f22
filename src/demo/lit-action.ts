// The demo's Lit Action: the nodes run it when the dApp asks for a Lit Action session, and sign
// the session for the PKP only when it answers "true". The PKP the demo prepares permits its CID.
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
