/* global chrome */
// The popup's first question to the worker, asked by a classic async script: it needs no imports,
// so it runs while the popup's modules (React) still load and the answer is on its way ~20 ms
// sooner. popup/sessions-store.ts takes the answer (once); without it, it asks itself.
if (!('litPopupStatus' in window)) {
  // The sessions may change after the worker answered and before the popup's modules listen for
  // changes: noted here, so that the popup asks again instead of showing the old list.
  window.litPopupSessionsChanged = false;
  const note = (changes, area) => {
    if (area === 'local' && 'lit-companion:sessions' in changes) {
      window.litPopupSessionsChanged = true;
    }
  };
  chrome.storage.onChanged.addListener(note);
  window.litPopupStopNoting = () => chrome.storage.onChanged.removeListener(note);
  window.litPopupStatus = chrome.runtime.sendMessage({ type: 'ui_getStatus' });
  // Handled there, maybe after it fails: no "uncaught" report meanwhile.
  window.litPopupStatus.catch(() => {});
}
