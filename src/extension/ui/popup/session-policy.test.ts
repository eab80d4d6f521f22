import { describe, expect, it } from 'vitest';
import type { SessionCapability } from '../../messages';
import { capacityLine, pkpSigningLine } from './session-policy';

const signing: SessionCapability = {
  resource: 'lit-pkp://*',
  ability: 'pkp-signing',
  label: 'Sign with your PKP',
};
const decrypting: SessionCapability = {
  resource: 'lit-accesscontrolcondition://*',
  ability: 'access-control-condition-decryption',
  label: 'Decrypt',
};

describe('pkpSigningLine', () => {
  it('says whether PKP signatures are confirmed one by one or allowed', () => {
    expect(
      pkpSigningLine({
        pkpSigning: 'confirm',
        capabilities: [decrypting, signing],
        pageGetsSigs: false,
      }),
    ).toBe('PKP signatures: confirmed one by one');
    expect(
      pkpSigningLine({ pkpSigning: 'allow', capabilities: [signing], pageGetsSigs: false }),
    ).toBe('PKP signatures: allowed');
  });

  it('does not promise confirmations for a session whose sigs the site holds', () => {
    expect(
      pkpSigningLine({ pkpSigning: 'confirm', capabilities: [signing], pageGetsSigs: true }),
    ).toBe('PKP signatures: the site can sign without asking you');
  });

  it('says nothing for a session that cannot sign with a PKP', () => {
    expect(
      pkpSigningLine({ pkpSigning: 'allow', capabilities: [decrypting], pageGetsSigs: false }),
    ).toBeNull();
  });
});

describe('capacityLine', () => {
  it('names the delegated credit and its uses', () => {
    expect(capacityLine({ tokenId: '7', uses: 3, owner: '0xabc' })).toBe(
      'Capacity credit #7 (3 uses)',
    );
    expect(capacityLine({ tokenId: '12', uses: 1, owner: '0xabc' })).toBe(
      'Capacity credit #12 (1 use)',
    );
    expect(capacityLine(null)).toBeNull();
  });
});
