// The demo dApp's script: plain JavaScript, as a dApp would write it. It asks `window.lit` for
// the three kinds of session, shows what it got, and has its own server (`/api/*`) use the sigs
// for a real node request: the PKP signs a message, and the signature recovers to the PKP. Steps
// 4–6 (`brokered.js`) ask the extension for results instead of sigs.
import { setUpBrokeredSteps } from '/brokered.js';
import { enableStep, holdingButton } from '/step-button.js';

const $ = (id) => document.getElementById(id);

let provider = null;
window.addEventListener('lit:announceProvider', (event) => {
  provider = event.detail.provider;
  $('provider-status').textContent = `Found ${event.detail.info.name} (${event.detail.info.rdns}).`;
});
window.dispatchEvent(new Event('lit:requestProvider'));

const allButtons = [...document.querySelectorAll('button')];
if (!provider) {
  $('provider-status').textContent =
    'No Lit provider: install the Lit Companion extension and reload.';
  for (const button of allButtons) button.disabled = true;
} else {
  $('wallet-status').textContent = window.ethereum
    ? 'This page has an Ethereum wallet: the approval window offers it, and the built-in account.'
    : "No Ethereum wallet on this page: sessions are signed by the extension's built-in account (create one in the extension's options page).";
  for (const name of ['sessionsChanged', 'disconnect']) {
    provider.on(name, (data) => {
      $('events').textContent +=
        `${new Date().toLocaleTimeString()} ${name}: ${JSON.stringify(data)}\n`;
    });
  }
}

const abbrev = (s, head = 10, tail = 6) =>
  typeof s === 'string' && s.length > head + tail + 1 ? `${s.slice(0, head)}…${s.slice(-tail)}` : s;

/** One line per EIP-1193 error, with Lit's code from `data` when the nodes gave one. */
function describeError(error) {
  if (error && typeof error.code === 'number') {
    const lit = error.data?.errorCode ? ` (${error.data.errorCode})` : '';
    const logs = error.data?.logs ? `\nLit Action logs:\n${error.data.logs}` : '';
    return `Error ${error.code}${lit}: ${error.message}${logs}`;
  }
  return `Error: ${error?.message ?? String(error)}`;
}

/** The sigs, abbreviated: what a dApp developer wants to see, not 3 × 2 KB of JSON. */
function describeSigs(sigs) {
  const entries = Object.entries(sigs);
  const signed = JSON.parse(entries[0][1].signedMessage);
  const capability = signed.capabilities[0];
  const signer =
    capability.derivedVia === 'lit.bls'
      ? `the network (lit.bls) for PKP ${capability.address}`
      : `wallet ${capability.address} (${capability.derivedVia})`;
  return [
    `${entries.length} session sigs, one per node; session key ${abbrev(signed.sessionKey)}`,
    ...entries.map(([url, sig]) => `  ${url}  sig ${abbrev(sig.sig)}`),
    `capability signed by ${signer}`,
    `grants ${signed.resourceAbilityRequests.map((r) => `${r.resource.resourcePrefix}://${r.resource.resource} ${r.ability}`).join(', ')}`,
    `these sigs expire ${new Date(signed.expiration).toLocaleTimeString()}`,
  ].join('\n');
}

/** POSTs JSON to the demo server; throws its `{ error }` as one readable line. */
async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const error = answer?.error ?? { message: `HTTP ${response.status}` };
    throw new Error(
      `${error.errorCode ? `${error.errorCode}: ` : ''}${error.message ?? 'the demo server refused'}`,
    );
  }
  return answer;
}

/** Runs one step (its button held): sigs from the extension, then the PKP signing with them. */
function runStep(id, getSigs) {
  const step = $(id);
  return holdingButton(step.querySelector('button'), () => runStepOnce(step, getSigs));
}

async function runStepOnce(step, getSigs) {
  const sigsOut = step.querySelector('.sigs');
  const nodeOut = step.querySelector('.node-result');
  step.dataset.state = 'working';
  sigsOut.textContent = 'Waiting for the extension (approve in its window)…';
  nodeOut.textContent = '';
  let sigs;
  try {
    sigs = await getSigs();
    sigsOut.textContent = describeSigs(sigs);
  } catch (error) {
    sigsOut.textContent = describeError(error);
    step.dataset.state = 'error';
    return null;
  }
  try {
    const pkp = await pkpForSigs(sigs);
    nodeOut.textContent = 'Asking the nodes to sign with the PKP…';
    const check = await api('/api/pkp-sign', { pkpPublicKey: pkp.publicKey, sessionSigs: sigs });
    const same = check.recoveredAddress === check.pkpAddress;
    nodeOut.textContent = [
      `The nodes signed with PKP ${check.pkpAddress}:`,
      `  "${check.message}"`,
      `  signature ${abbrev(check.signature, 14, 8)}`,
      `  recovers to ${check.recoveredAddress} ${same ? '✓ the PKP' : '✗ NOT the PKP'}`,
    ].join('\n');
    step.dataset.state = same ? 'ok' : 'error';
  } catch (error) {
    nodeOut.textContent = `The node request failed: ${error.message}`;
    step.dataset.state = 'error';
  }
  return sigs;
}

// The PKP the demo server prepared for the user's wallet (it permits the wallet and the actions).
let pkp = null;
let config = null;

const brokered = provider
  ? setUpBrokeredSteps({
      provider,
      events: ['sessionsChanged', 'disconnect'],
      describeError,
      abbrev,
      context: () => (pkp && config ? { pkp, address: pkp.permits.address, config } : null),
    })
  : null;

async function preparePkp(address) {
  pkp = await api('/api/pkp', { address });
  $('pkp-info').textContent =
    `PKP ${pkp.ethAddress} (token ${abbrev(pkp.tokenId)}), permitting ${address} and the Lit Actions.`;
  enableStep($('get-pkp-sigs'));
  enableStep($('get-action-sigs'));
  if (config) brokered?.enable();
  return pkp;
}

/** A wallet session's sigs name the wallet; the PKP kinds name the PKP itself. */
function pkpForSigs(sigs) {
  const capability = JSON.parse(Object.values(sigs)[0].signedMessage).capabilities[0];
  return capability.derivedVia === 'lit.bls' ? pkp : preparePkp(capability.address);
}

const pkpSigning = (resource) => [
  { resource: { resource, resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
];

$('get-sigs').addEventListener('click', () =>
  runStep('step-wallet', () =>
    provider.getSessionSigs({ resourceAbilityRequests: pkpSigning('*') }),
  ),
);
// Through `request`, so an extension without these methods answers 4200 instead of the page
// failing on a missing function.
$('get-pkp-sigs').addEventListener('click', () =>
  runStep('step-pkp', () =>
    provider.request({
      method: 'lit_getPkpSessionSigs',
      params: { pkpPublicKey: pkp.publicKey, resourceAbilityRequests: pkpSigning(pkp.tokenId) },
    }),
  ),
);
$('get-action-sigs').addEventListener('click', () =>
  runStep('step-lit-action', () =>
    provider.request({
      method: 'lit_getLitActionSessionSigs',
      params: {
        pkpPublicKey: pkp.publicKey,
        litActionCode: config.litAction.code,
        jsParams: { magicWord: $('magic-word').value },
        resourceAbilityRequests: pkpSigning(pkp.tokenId),
      },
    }),
  ),
);

/** Shows what a provider call gave, or its EIP-1193 error, in `out`. */
async function show(out, call) {
  out.textContent = 'Waiting for the extension…';
  try {
    out.textContent = JSON.stringify(await call(), null, 2);
  } catch (error) {
    out.textContent = describeError(error);
  }
}
$('list-sessions').addEventListener('click', () =>
  show($('session-result'), () => provider.request({ method: 'lit_getSessions' })),
);
$('disconnect').addEventListener('click', () =>
  show($('session-result'), () => provider.disconnectWeb3()),
);
$('ping').addEventListener('click', () =>
  show($('ping-result'), () => provider.request({ method: 'lit_ping' })),
);

// The network and the Lit Action come from the demo server (`npm start` gives it the devnet).
// A wallet session from an earlier visit already names the wallet, so the PKP is ready at once.
if (provider) {
  try {
    config = await api('/api/config');
    $('action-cid').textContent = config.litAction.ipfsId;
    $('action-code').textContent = config.litAction.code;
    brokered?.showConfig(config);
    if (pkp) brokered?.enable();
    const sessions = await provider.request({ method: 'lit_getSessions' });
    const wallet = sessions.find((s) => s.authMethod === 'wallet');
    if (wallet) await preparePkp(wallet.address);
  } catch (error) {
    $('pkp-info').textContent = `The demo server cannot prepare a PKP: ${error.message}`;
  }
}
