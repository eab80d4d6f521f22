// A capability's resource in words when it is `*`: the site asks for every resource of that kind,
// not the one a single id would name, and the window must say so.

const ANY: Record<string, string> = {
  'lit-pkp': 'any PKP',
  'lit-litaction': 'any Lit Action',
  'lit-accesscontrolcondition': 'any access-control condition',
  'lit-ratelimitincrease': 'any capacity credit',
};

/** `any PKP` for `lit-pkp://*`, null for a resource naming one id. */
export function wildcardWords(resource: string): string | null {
  const match = /^([a-z-]+):\/\/\*$/.exec(resource);
  if (!match) return null;
  return ANY[match[1]!] ?? 'any resource of this kind';
}
