// How the provider introduces itself in `lit:announceProvider` (EIP-6963's info shape).

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96">' +
  '<rect width="96" height="96" rx="20" fill="#1d1b3a"/>' +
  '<path d="M48 14c10 16 22 24 22 42a22 22 0 0 1-44 0c0-10 6-16 10-22 2 8 6 12 10 12-4-12 0-22 2-32z" fill="#ff8a3d"/>' +
  '</svg>';

export interface ProviderInfo {
  /** A fresh UUIDv4 for each page load. */
  uuid: string;
  name: string;
  /** A data URI, as EIP-6963 requires. */
  icon: string;
  /** Reverse-DNS id of the extension. */
  rdns: string;
}

export function providerInfo(uuid: string): Readonly<ProviderInfo> {
  return Object.freeze({
    uuid,
    name: 'Lit Companion',
    icon: `data:image/svg+xml,${encodeURIComponent(ICON_SVG)}`,
    rdns: 'com.litcompanion',
  });
}
