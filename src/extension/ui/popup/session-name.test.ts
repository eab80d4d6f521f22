import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../messages';
import { sessionName } from './session-name';

type Named = Pick<SessionSummary, 'authMethod' | 'origin' | 'capabilities'>;

const signAny = {
  label: 'Sign with your Lit key',
  resource: 'lit-pkp://*',
  ability: 'pkp-signing',
};

describe('sessionName', () => {
  it('names the kind, the origin and the capabilities', () => {
    const session = {
      authMethod: 'pkp',
      origin: 'https://a.example',
      capabilities: [signAny, { ...signAny, label: 'Run any Lit Action' }],
    } as Named;
    expect(sessionName(session)).toBe(
      'the PKP session of https://a.example (Sign with your Lit key, Run any Lit Action)',
    );
  });

  it('tells apart sessions of other origins or kinds', () => {
    const a = {
      authMethod: 'wallet',
      origin: 'https://a.example',
      capabilities: [signAny],
    } as Named;
    const others: Named[] = [
      a,
      { ...a, origin: 'https://b.example' },
      { ...a, authMethod: 'lit-action' },
    ];
    const names = others.map(sessionName);
    expect(new Set(names).size).toBe(3);
    expect(names[0]).toBe('the session of https://a.example (Sign with your Lit key)');
  });
});
