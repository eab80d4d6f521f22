// The long-lived Port each page's content script opens; requests on it go to the router.
import type { Runtime } from 'webextension-polyfill';
import { PROVIDER_PORT_NAME } from '../messages';
import { routeProviderMessage } from './router';
import { providerContext } from './senders';

export function onProviderConnect(port: Runtime.Port): void {
  if (port.name !== PROVIDER_PORT_NAME) return;
  const context = providerContext(port.sender);
  if (!context) {
    port.disconnect();
    return;
  }
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  port.onMessage.addListener(async (raw: unknown) => {
    const reply = await routeProviderMessage(raw, context);
    // The page may have gone away while the request was handled.
    if (reply && open) port.postMessage(reply);
  });
}
