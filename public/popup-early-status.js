/* global chrome */
// The popup's first question to the worker, asked by a classic async script: it needs no imports,
// so it runs while the popup's modules (React) still load and the answer is on its way ~20 ms
// sooner. popup/sessions-store.ts takes the answer (once); without it, it asks itself.
if (!('litPopupStatus' in window)) {
  window.litPopupStatus = chrome.runtime.sendMessage({ type: 'ui_getStatus' });
  // Handled there, maybe after it fails: no "uncaught" report meanwhile.
  window.litPopupStatus.catch(() => {});
}
