import { describe, expect, it } from 'vitest';
import { originParts } from './origin-parts';

const whole = (origin: string) => {
  const parts = originParts(origin);
  expect(parts.lead + parts.end).toBe(origin);
  return parts;
};

describe('originParts', () => {
  it('puts the real domain of a long look-alike host at the end, emphasised', () => {
    expect(
      whole('https://app.uniswap.org.secure.login.session.verify.account.attackerdomain.xyz'),
    ).toEqual({
      lead: 'https://app.uniswap.org.secure.login.session.verify.account.',
      end: 'attackerdomain.xyz',
    });
  });

  it('keeps the port with the end; a two-part suffix is emphasised alone, never a label more', () => {
    expect(whole('https://wallet.example.com:8443')).toEqual({
      lead: 'https://wallet.',
      end: 'example.com:8443',
    });
    expect(whole('https://shop.example.co.uk')).toEqual({
      lead: 'https://shop.example.',
      end: 'co.uk',
    });
    expect(whole('https://app.uniswap.org.io')).toEqual({
      lead: 'https://app.uniswap.',
      end: 'org.io',
    });
  });

  it('emphasises short hosts, IP addresses and localhost whole', () => {
    expect(whole('https://example.org')).toEqual({ lead: 'https://', end: 'example.org' });
    expect(whole('http://127.0.0.1:5173')).toEqual({ lead: 'http://', end: '127.0.0.1:5173' });
    expect(whole('http://[::1]:8080')).toEqual({ lead: 'http://', end: '[::1]:8080' });
    expect(whole('http://localhost:3000')).toEqual({ lead: 'http://', end: 'localhost:3000' });
  });

  it('shows anything that is not a plain origin as it came', () => {
    expect(whole('not an origin')).toEqual({ lead: 'not an origin', end: '' });
    expect(whole('https://example.org/path')).toEqual({
      lead: 'https://example.org/path',
      end: '',
    });
    expect(whole('null')).toEqual({ lead: 'null', end: '' });
  });
});
