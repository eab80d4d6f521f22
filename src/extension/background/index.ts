// The service worker's entry: it only wires listeners, synchronously at top level so that an
// event which wakes the worker finds them registered.
import browser, { type Runtime } from 'webextension-polyfill';
import { approvalWindowClosed } from './approvals';
import { wasApprovalWindow } from './approval-window';
import { handleInternalMessage } from './internal-messages';
import { onProviderConnect } from './provider-port';
import { SWEEP_ALARM, ensureSweepAlarm, sweep } from './sweep';
import { warmUp } from './warm-up';

const logFailure = (what: string) => (e: unknown) =>
  console.error(`Lit Companion: ${what} failed`, e);

browser.runtime.onConnect.addListener(onProviderConnect);
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleInternalMessage(message, sender),
);
browser.windows.onRemoved.addListener((windowId: number) => {
  void wasApprovalWindow(windowId)
    .then((was) => (was ? approvalWindowClosed() : undefined))
    .catch(logFailure('closing the approval window'));
});
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SWEEP_ALARM) void sweep().catch(logFailure('the sweep'));
});
void ensureSweepAlarm().catch(logFailure('scheduling the sweep'));
// A woken worker is usually woken by a request: have its storage and keys ready by then.
void warmUp().catch(logFailure('warming up'));
