import { describe, expect, it } from 'vitest';
import { LIT_RESOURCE_PREFIX } from '../../../protocol/resources';
import { wildcardWords } from './capability-words';

describe('wildcardWords', () => {
  it('puts `*` into words for each resource prefix', () => {
    expect(wildcardWords('lit-pkp://*')).toBe('any PKP');
    expect(wildcardWords('lit-litaction://*')).toBe('any Lit Action');
    expect(wildcardWords('lit-accesscontrolcondition://*')).toBe('any access-control condition');
    expect(wildcardWords('lit-ratelimitincrease://*')).toBe('any capacity credit');
    for (const prefix of Object.values(LIT_RESOURCE_PREFIX)) {
      expect(wildcardWords(`${prefix}://*`)).not.toBe('any resource of this kind');
    }
  });

  it('says nothing for a resource that names one id', () => {
    expect(wildcardWords(`lit-pkp://${'ab'.repeat(32)}`)).toBeNull();
    expect(wildcardWords('lit-litaction://QmZ*')).toBeNull();
    expect(wildcardWords('lit-pkp://**')).toBeNull();
  });
});
