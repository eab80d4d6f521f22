// Which names may become globals of an action (jsParams keys) or methods of Lit.Actions.

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/** Reserved words (strict mode included): valid property names, never usable as variables. */
const RESERVED = new Set(
  (
    'await break case catch class const continue debugger default delete do else enum export ' +
    'extends false finally for function if implements import in instanceof interface let new ' +
    'null package private protected public return static super switch this throw true try ' +
    'typeof var void while with yield'
  ).split(' '),
);

/** Globals the sandbox defines as read-only, or that no assignment can replace. */
const SANDBOX_GLOBALS = new Set([
  'Lit',
  'LitActions',
  'LitAuth',
  'globalThis',
  'undefined',
  'NaN',
  'Infinity',
  '__proto__',
]);

/** Why `name` cannot be a global of an action, or null when it can. */
export function globalNameProblem(name: string): string | null {
  if (name.length > 256) return 'longer than 256 characters';
  if (!IDENTIFIER.test(name)) return 'not a JavaScript identifier';
  if (RESERVED.has(name)) return 'a reserved word';
  if (SANDBOX_GLOBALS.has(name)) return 'a global the sandbox defines';
  return null;
}
