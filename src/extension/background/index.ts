// The service worker's entry: it only wires listeners, synchronously at top level so that a
// message which wakes the worker finds them registered.
import browser, { type Runtime } from 'webextension-polyfill';
import { handleInternalMessage } from './internal-messages';
import { onProviderConnect } from './provider-port';

browser.runtime.onConnect.addListener(onProviderConnect);
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleInternalMessage(message, sender),
);
