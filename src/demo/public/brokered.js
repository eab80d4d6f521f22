// The brokered steps: the page asks `window.lit` for a result (a PKP signature, a Lit Action's
// signature, a decryption) and never for sigs. Each step checks its result on the page (ethers
// recovers the signer) and says how many session sigs or keys the page saw while it ran.
import { ethers } from '/vendor/ethers.js';
import { watchChannels } from '/sig-watch.js';
import { enableStep, holdingButton } from '/step-button.js';

const $ = (id) => document.getElementById(id);
const { hashMessage, verifyMessage, arrayify, getAddress } = ethers.utils;

/** `:userAddress` is `address`: what the nodes check against the session's wallet. */
export const onlyAddress = (address) => [
  {
    contractAddress: '',
    standardContractType: '',
    chain: 'ethereum',
    method: '',
    parameters: [':userAddress'],
    returnValueTest: { comparator: '=', value: address },
  },
];

const sameAddress = (a, b) => getAddress(a) === getAddress(b);
// A macrotask: the DOM observer's records of what the step wrote are delivered before it ends.
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Wires steps 4–6. `context()` gives what they need once the PKP is prepared: `{ pkp, address,
 * config }` (the PKP, the wallet it was prepared for, the server's config), or null before.
 */
export function setUpBrokeredSteps({ provider, events, describeError, abbrev, context }) {
  const watch = watchChannels(provider, events);
  const showTotal = () => {
    $('sigs-seen-total').textContent =
      `Session sigs or keys seen by this page since it loaded: ${watch.seen()} ` +
      '(steps 1–3 hand sigs to the page by design; steps 4–6 must add none).';
  };
  showTotal();

  /** Runs one step (its button held): its result lines, whether they check out, the sigs seen. */
  function run(sectionId, work) {
    const section = $(sectionId);
    return holdingButton(section.querySelector('button'), () => runOnce(section, work));
  }

  async function runOnce(section, work) {
    const out = section.querySelector('.result');
    const seenLine = section.querySelector('.sigs-seen');
    const ctx = context();
    if (!ctx) return;
    const before = watch.seen();
    section.dataset.state = 'working';
    delete section.dataset.sigsSeen;
    out.textContent = 'Waiting for the extension (approve in its window)…';
    seenLine.textContent = '';
    let ok = false;
    try {
      const result = await work(ctx, (line) => (out.textContent = line));
      out.textContent = result.lines.join('\n');
      ok = result.ok;
    } catch (error) {
      out.textContent = describeError(error);
    }
    await settled();
    const seen = watch.seen() - before;
    seenLine.textContent = `Session sigs seen by this page during this step: ${seen}`;
    section.dataset.sigsSeen = String(seen);
    section.dataset.state = ok && seen === 0 ? 'ok' : 'error';
    showTotal();
  }

  $('pkp-sign').addEventListener('click', () =>
    run('step-pkp-sign', async ({ pkp }) => {
      const message = $('sign-message').value;
      const toSign = hashMessage(message);
      const signed = await provider.request({
        method: 'lit_pkpSign',
        params: { pubKey: pkp.publicKey, toSign, message },
      });
      const recovered = verifyMessage(message, signed.signature);
      const ok = sameAddress(recovered, pkp.ethAddress);
      return {
        ok,
        lines: [
          `The PKP signed "${message}" (EIP-191 hash ${abbrev(toSign, 12, 8)})`,
          `  signature ${abbrev(signed.signature, 14, 8)}`,
          `  ethers.utils.verifyMessage → ${recovered} ${ok ? '✓ the PKP' : '✗ NOT the PKP'}`,
        ],
      };
    }),
  );

  $('execute-js').addEventListener('click', () =>
    run('step-execute-js', async ({ pkp, config }) => {
      const message = $('action-message').value;
      const action = config.signingAction;
      const ran = await provider.request({
        method: 'lit_executeJs',
        params: {
          code: action.code,
          jsParams: {
            toSign: Array.from(arrayify(hashMessage(message))),
            publicKey: pkp.publicKey,
          },
        },
      });
      const signature = ran.signatures[action.sigName];
      if (!signature) throw new Error(`the action returned no signature "${action.sigName}"`);
      const recovered = verifyMessage(message, signature.signature);
      const ok = sameAddress(recovered, pkp.ethAddress);
      return {
        ok,
        lines: [
          `The action ran (response ${JSON.stringify(ran.response)}); its logs:`,
          ...ran.logs
            .trimEnd()
            .split('\n')
            .map((line) => `  ${line}`),
          `signEcdsa's signature of "${message}": ${abbrev(signature.signature, 14, 8)}`,
          `  ethers.utils.verifyMessage → ${recovered} ${ok ? '✓ the PKP' : '✗ NOT the PKP'}`,
        ],
      };
    }),
  );

  $('encrypt-decrypt').addEventListener('click', () =>
    run('step-encrypt', async ({ address }, progress) => {
      const note = $('note').value;
      const accessControlConditions = onlyAddress(address);
      const sealed = await provider.request({
        method: 'lit_encrypt',
        params: { accessControlConditions, data: note },
      });
      progress(`Encrypted for ${address}; decrypting (approve in the extension's window)…`);
      const opened = await provider.request({
        method: 'lit_decrypt',
        params: {
          accessControlConditions,
          ciphertext: sealed.ciphertext,
          dataToEncryptHash: sealed.dataToEncryptHash,
          chain: 'ethereum',
        },
      });
      const ok = opened.data === note;
      return {
        ok,
        lines: [
          `Encrypted for ${address} only: ciphertext ${abbrev(sealed.ciphertext, 16, 8)}`,
          `  dataToEncryptHash ${abbrev(sealed.dataToEncryptHash, 12, 8)}`,
          `Decrypted by the nodes for this session's wallet: "${opened.data}" ${ok ? '✓' : '✗ NOT the note'}`,
        ],
      };
    }),
  );

  return {
    /** The server's config arrived: show the signing action. */
    showConfig(config) {
      $('signing-action-cid').textContent = config.signingAction.ipfsId;
      $('signing-action-code').textContent = config.signingAction.code;
    },
    /** The PKP is ready: the steps may run. */
    enable() {
      for (const id of ['pkp-sign', 'execute-js', 'encrypt-decrypt']) enableStep($(id));
    },
  };
}
