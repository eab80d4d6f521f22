// The long-lived Port each page's content script opens: requests on it go to the router, and the
// page's wallet answers come back on it.
import type { Runtime } from 'webextension-polyfill';
import { PROVIDER_PORT_NAME } from '../messages';
import { documentConnected, rememberDocument } from './origin-documents';
import { portChannel } from './page-channel';
import type { RequestContext } from './request-context';
import { routeProviderMessage } from './router';
import { providerContext } from './senders';

export function onProviderConnect(port: Runtime.Port): void {
  if (port.name !== PROVIDER_PORT_NAME) return;
  const sender = providerContext(port.sender);
  if (!sender) {
    port.disconnect();
    return;
  }
  const page = portChannel(port);
  const context: RequestContext = { ...sender, page };
  let remembered = false;
  let leave: (() => void) | undefined;
  port.onDisconnect.addListener(() => leave?.());
  port.onMessage.addListener(async (raw: unknown) => {
    if ((raw as { type?: unknown } | null)?.type === 'walletResponse') {
      page.receive(raw);
      return;
    }
    if (!remembered) {
      remembered = true;
      // So events (sessionsChanged, disconnect) reach this document later.
      // While this Port is open the document is kept when its origin's list is full.
      leave = documentConnected(context);
      void rememberDocument(context).catch((e: unknown) =>
        console.error('Lit Companion: could not remember a document', e),
      );
    }
    const reply = await routeProviderMessage(raw, context);
    // The page may have gone away while the request was handled.
    if (reply && page.open) port.postMessage(reply);
  });
}
