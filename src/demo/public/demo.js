// The demo dApp's script: plain JavaScript, as a dApp would write it.
const status = document.getElementById('provider-status');
const result = document.getElementById('ping-result');
const pingButton = document.getElementById('ping');

let provider = null;
window.addEventListener('lit:announceProvider', (event) => {
  provider = event.detail.provider;
  status.textContent = `Found ${event.detail.info.name} (${event.detail.info.rdns}).`;
});
window.dispatchEvent(new Event('lit:requestProvider'));
const sessionButtons = ['get-sigs', 'list-sessions', 'disconnect'].map((id) =>
  document.getElementById(id),
);
const sessionResult = document.getElementById('session-result');
const events = document.getElementById('events');
if (!provider) {
  status.textContent = 'No Lit provider: install the Lit Companion extension and reload.';
  pingButton.disabled = true;
  for (const button of sessionButtons) button.disabled = true;
} else {
  for (const name of ['sessionsChanged', 'disconnect']) {
    provider.on(name, (data) => {
      events.textContent += `${new Date().toLocaleTimeString()} ${name}: ${JSON.stringify(data)}\n`;
    });
  }
}

/** Shows what a provider call gave, or its EIP-1193 error. */
async function show(call) {
  sessionResult.textContent = 'Waiting for the extension…';
  try {
    sessionResult.textContent = JSON.stringify(await call(), null, 2);
  } catch (error) {
    sessionResult.textContent = `Error ${error.code}: ${error.message}`;
  }
}

const [getSigs, listSessions, disconnect] = sessionButtons;
getSigs.addEventListener('click', () =>
  show(() =>
    provider.getSessionSigs({
      resourceAbilityRequests: [
        { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
      ],
    }),
  ),
);
listSessions.addEventListener('click', () =>
  show(() => provider.request({ method: 'lit_getSessions' })),
);
disconnect.addEventListener('click', () => show(() => provider.disconnectWeb3()));

pingButton.addEventListener('click', async () => {
  result.textContent = 'Waiting for the extension…';
  try {
    const pong = await provider.request({ method: 'lit_ping' });
    result.textContent = JSON.stringify(pong, null, 2);
  } catch (error) {
    result.textContent = `Error ${error.code}: ${error.message}`;
  }
});
