// A fast, conservative reader for the shape nearly every SIWE message has (a host domain, no
// scheme, `Z` times, URIs without userinfo or IP literals). The ABNF grammar parser costs about
// 2 ms per message, paid several times per Lit request by nodes and clients; this costs tens of
// microseconds. It never rejects: it either returns fields that the grammar would return for the
// same text (only forms the grammar certainly accepts are matched; a property test against the
// grammar parser checks that), or undefined, and the caller falls back to the grammar parser.
import { isChecksumAddress } from './ethereum';
import { parseRfc3339 } from './rfc3339';
import type { SiweFields } from './siwe';

// RFC 3986 pieces, narrowed: a host is a reg-name starting with a letter (so never read as an
// IPv4 address), and there is no userinfo and no IP literal.
const PCHAR = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
const HOST = '[A-Za-z][A-Za-z0-9-]*(?:\\.[A-Za-z0-9-]+)*';
const AUTHORITY = `${HOST}(?::[0-9]{1,5})?`;
const SEGMENTS = `(?:/${PCHAR}*)*`;
const HIER_PART = `(?://${AUTHORITY}${SEGMENTS}|/(?:${PCHAR}+${SEGMENTS})?|${PCHAR}+${SEGMENTS})?`;
const QUERY_OR_FRAGMENT = `(?:${PCHAR}|[/?])*`;
const URI = `[A-Za-z][A-Za-z0-9+.-]*:${HIER_PART}(?:\\?${QUERY_OR_FRAGMENT})?(?:#${QUERY_OR_FRAGMENT})?`;
// EIP-4361's statement characters: printable ASCII but `"`, `%`, `<`, `>`, `\`, `^`, backtick, `{|}`.
const STATEMENT = "[A-Za-z0-9 !#$&'()*+,\\-./:;=?@\\[\\]_~]+";
// UTC with whole or fractional seconds; offsets and leap seconds go to the grammar parser.
const DATE_TIME =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?Z';

const MESSAGE = new RegExp(
  `^(${AUTHORITY}) wants you to sign in with your Ethereum account:\\n` +
    `(0x[0-9a-fA-F]{40})\\n\\n(?:(${STATEMENT})\\n)?\\n` +
    `URI: (${URI})\\nVersion: 1\\nChain ID: ([0-9]{1,15})\\nNonce: ([A-Za-z0-9]{8,})\\n` +
    `Issued At: (${DATE_TIME})` +
    `(?:\\nExpiration Time: (${DATE_TIME}))?` +
    `(?:\\nNot Before: (${DATE_TIME}))?` +
    `(?:\\nRequest ID: (${PCHAR}*))?` +
    `(?:\\nResources:((?:\\n- ${URI})*))?$`,
);

/** The fields of `text` when it has the common shape, else undefined (never throws). */
export function readCommonSiwe(text: string): SiweFields | undefined {
  const m = MESSAGE.exec(text);
  if (!m) return undefined;
  const [, domain, address, statement, uri, chainId, nonce, issuedAt, exp, nbf, requestId, res] = m;
  if (!isChecksumAddress(address)) return undefined;
  for (const time of [issuedAt, exp, nbf]) {
    if (time !== undefined && parseRfc3339(time) === undefined) return undefined;
  }
  const fields: SiweFields = {
    domain: domain!,
    address: address!,
    uri: uri!,
    version: '1',
    chainId: Number(chainId),
    nonce: nonce!,
    issuedAt: issuedAt!,
  };
  if (statement !== undefined) fields.statement = statement;
  if (exp !== undefined) fields.expirationTime = exp;
  if (nbf !== undefined) fields.notBefore = nbf;
  if (requestId !== undefined) fields.requestId = requestId;
  if (res !== undefined) fields.resources = res === '' ? [] : res.slice(3).split('\n- ');
  return fields;
}
