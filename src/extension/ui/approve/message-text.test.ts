import { describe, expect, it } from 'vitest';
import { revealHidden } from './message-text';

describe('revealHidden', () => {
  it('leaves ordinary text, line breaks, tabs and other scripts alone', () => {
    const text = 'Sign in to example.org\n\tNonce: 42\nПривет 你好 🦊';
    expect(revealHidden(text)).toEqual({ text, hidden: 0 });
  });

  it('writes out bidi overrides, zero-width and control characters, and counts them', () => {
    expect(revealHidden('pay 1\u202E0001\u202C ETH\u200B\u0007\r')).toEqual({
      text: 'pay 1⟨U+202E⟩0001⟨U+202C⟩ ETH⟨U+200B⟩⟨U+0007⟩⟨U+000D⟩',
      hidden: 5,
    });
    expect(revealHidden('a\u2066b\u2069\uE000\u{E0041}').hidden).toBe(4);
  });
});
