// What the credit box shows when the chosen credit is no longer offered: rendered on the server
// (no effects needed), with the decision built from the same value the box is given.
import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { attachedCredit, type CreditAvailability } from './credit-choice';
import { buildDecision } from './decision';

vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage: vi.fn() } } }));
const { CreditChoice } = await import('./CreditChoice');

const now = Date.parse('2026-05-01T12:00:00Z');
const chosen = { tokenId: '7', uses: '10' };
const other = { tokenId: '8', requestsPerKilosecond: 10, expiresAt: '2026-06-01T00:00:00Z' };

function render(availability: CreditAvailability) {
  const value = attachedCredit(chosen, availability);
  const html = renderToStaticMarkup(
    <CreditChoice
      value={value}
      chosen={chosen}
      availability={availability}
      onChange={() => {}}
      now={now}
      sessionEnd={now + 3_600_000}
    />,
  );
  const decision = buildDecision(
    {
      signer: { source: 'builtin' },
      account: { address: '0x1111111111111111111111111111111111111111', unlocked: true },
      password: '',
      length: 60,
      maxExpiration: new Date(now + 86_400_000).toISOString(),
      pkpSigning: null,
      credit: value,
    },
    now,
  );
  if (!decision.ok) throw new Error(decision.reason);
  return { html, sent: decision.value.capacityCredit };
}

const checkbox = (html: string) => /<input type="checkbox"[^>]*>/.exec(html)![0];

describe('CreditChoice once the chosen credit is no longer offered', () => {
  it('with no credit left: unticked, nothing sent, and says why', () => {
    const { html, sent } = render({ available: false, reason: 'No credit left.' });
    expect(checkbox(html)).not.toContain('checked');
    expect(html).toContain('Capacity credit #7 is no longer offered');
    expect(sent).toBeUndefined();
  });

  it('with another credit left: unticked and can be ticked again, no select showing another credit', () => {
    const { html, sent } = render({ available: true, credits: [other] });
    expect(checkbox(html)).not.toContain('checked');
    expect(checkbox(html)).not.toContain('disabled');
    expect(html).not.toContain('<select');
    expect(sent).toBeUndefined();
  });

  it('while it is offered: ticked, shown in the select and sent', () => {
    const { html, sent } = render({
      available: true,
      credits: [other, { ...other, tokenId: '7' }],
    });
    expect(checkbox(html)).toContain('checked');
    expect(html).toMatch(/<option value="7" selected="">/);
    expect(html).not.toContain('no longer offered');
    expect(sent).toEqual({ tokenId: '7', uses: 10 });
  });
});
