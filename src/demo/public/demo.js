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
if (!provider) {
  status.textContent = 'No Lit provider: install the Lit Companion extension and reload.';
  pingButton.disabled = true;
}

pingButton.addEventListener('click', async () => {
  result.textContent = 'Waiting for the extension…';
  try {
    const pong = await provider.request({ method: 'lit_ping' });
    result.textContent = JSON.stringify(pong, null, 2);
  } catch (error) {
    result.textContent = `Error ${error.code}: ${error.message}`;
  }
});
