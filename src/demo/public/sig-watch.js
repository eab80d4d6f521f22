// What a page can see of a session: anything on a channel it reaches (window messages, the
// provider's events, its own DOM) that parses as a session sig or a session key. The demo counts
// it beside each brokered step ("session sigs seen by this page: 0"); the e2e suites run the same
// test over everything a listening page recorded, so there is one definition of "a session sig".

const MAX_DEPTH = 32;
/** 64 bytes in hex (an Ed25519 secret key in Lit's form, or a session sig's `sig`), alone. */
const HEX_64_BYTES = /(?:^|[^0-9a-zA-Z])(?:0x)?[0-9a-fA-F]{128}(?![0-9a-zA-Z])/;
/** A session sig's signed message (or one quoted inside JSON text). */
const SIGNED_MESSAGE_TEXT = /\\?"signedMessage\\?"\s*:/;

const isRecord = (v) => typeof v === 'object' && v !== null;

/** Adds to `found` why `text` parses as a session sig or key. JSON text is read as what it
 * encodes (a JSON string too: text stringified twice). */
function inspectText(text, depth, found) {
  const trimmed = text.trim();
  if (/^["{[]/.test(trimmed)) {
    try {
      inspect(JSON.parse(trimmed), depth + 1, found);
      return;
    } catch {
      // Not JSON as a whole: look at the text itself.
    }
  }
  if (SIGNED_MESSAGE_TEXT.test(text)) found.push('session sig (JSON text)');
  else if (HEX_64_BYTES.test(text)) found.push('64-byte hex secret (session key or sig)');
}

function inspect(value, depth, found, seen = new WeakSet()) {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') return inspectText(value, depth, found);
  if (!isRecord(value) || seen.has(value)) return;
  seen.add(value);
  if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) {
    if (value.type === 'private') found.push('private CryptoKey');
    return;
  }
  if (typeof value.sig === 'string' && typeof value.signedMessage === 'string') {
    found.push('session sig');
    return;
  }
  if ('sessionKey' in value && 'capabilities' in value) {
    found.push("session sig's signed message");
    return;
  }
  if ('secretKey' in value || 'privateKey' in value || (value.kty && 'd' in value)) {
    found.push('session key');
    return;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    inspect(item, depth + 1, found, seen);
  }
}

/** What in `value` parses as a session sig or a session key (one description each). */
export function sessionSecretsIn(value) {
  const found = [];
  inspect(value, 0, found);
  return found;
}

/**
 * Listens on every channel this page reaches and counts what parses as a session sig or key:
 * every window message (whoever sent it), each of `provider`'s `events`, and every change to the
 * DOM (added nodes, text, attributes). `seen()` is the count so far.
 */
export function watchChannels(provider, events) {
  let count = 0;
  const check = (value) => {
    count += sessionSecretsIn(value).length;
  };
  window.addEventListener('message', (event) => check(event.data), true);
  for (const name of events) provider.on(name, check);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') check(record.target.data);
      else if (record.type === 'attributes') {
        check(record.target.getAttribute(record.attributeName));
      } else for (const node of record.addedNodes) check(node.textContent ?? '');
    }
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
  });
  return { seen: () => count };
}
