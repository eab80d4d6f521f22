// The focusable boxes of a confirmation (message, access list, data, code, jsParams) are named by
// the label above them. A <label htmlFor> cannot name a <pre>: each box must be named through
// aria-labelledby, with a role that may carry a name.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { LitActionRunDetails, PkpSignDetails } from './ConfirmationDetails';

const pkp = {
  address: '0x1111111111111111111111111111111111111111',
  publicKey: '0x04ab',
  tokenId: '1',
};

const transaction = {
  serialized: '0x02ef',
  type: 2,
  chainId: '1',
  nonce: '5',
  to: '0x2222222222222222222222222222222222222222',
  value: '0',
  data: '0xa9059cbb',
  gasLimit: '21000',
  gasPrice: null,
  maxFeePerGas: '30000000000',
  maxPriorityFeePerGas: '1500000000',
  maxFee: '630000000000000',
  maxCost: '630000000000000',
  accessList: [{ address: '0x3333333333333333333333333333333333333333', storageKeys: 1 }],
};

/** Each focusable box's name: the text of the element its aria-labelledby points at. */
function boxNames(html: string): (string | null)[] {
  const boxes = [...html.matchAll(/<pre([^>]*)>/g)].map((m) => m[1]!);
  expect(boxes.length).toBeGreaterThan(0);
  return boxes.map((attributes) => {
    expect(attributes).toContain('tabindex="0"');
    expect(attributes).toContain('role="region"');
    const id = /aria-labelledby="([^"]+)"/.exec(attributes)?.[1];
    if (!id) return null;
    return new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null;
  });
}

describe('confirmation boxes', () => {
  it('names the message box "Message"', () => {
    const html = renderToStaticMarkup(
      <PkpSignDetails
        confirmation={{
          purpose: 'confirm-pkp-sign',
          sessionId: 's',
          pkp,
          digest: '0x00',
          message: 'Login',
          transaction: null,
        }}
      />,
    );
    expect(boxNames(html)).toEqual(['Message']);
  });

  it("names a transaction's access list and data boxes", () => {
    const html = renderToStaticMarkup(
      <PkpSignDetails
        confirmation={{
          purpose: 'confirm-pkp-sign',
          sessionId: 's',
          pkp,
          digest: '0x00',
          message: null,
          transaction,
        }}
      />,
    );
    expect(boxNames(html)).toEqual(['Access list', 'Data']);
  });

  it("names a Lit Action's code and jsParams boxes", () => {
    const html = renderToStaticMarkup(
      <LitActionRunDetails
        confirmation={{
          purpose: 'confirm-lit-action',
          sessionId: 's',
          cid: 'Qm',
          code: 'go()',
          jsParams: '{}',
        }}
      />,
    );
    expect(boxNames(html)).toEqual(['Code', 'jsParams']);
  });
});
