import { describe, expect, it } from 'vitest';
import { hiddenWarning, revealHidden } from './message-text';

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

describe('revealHidden: blank-looking letters and ignorables', () => {
  it('writes out Hangul fillers, the braille blank and other code points that print nothing', () => {
    expect(revealHidden('if (isAdmin\u3164) {}').text).toBe('if (isAdmin⟨U+3164⟩) {}');
    expect(revealHidden('\u115F\u1160\uFFA0\u2800')).toEqual({
      text: '⟨U+115F⟩⟨U+1160⟩⟨U+FFA0⟩⟨U+2800⟩',
      hidden: 4,
    });
    // Combining grapheme joiner, a variation selector, a supplementary one, a soft hyphen.
    expect(revealHidden('a\u034Fb\uFE0Fc\u{E0100}d\u00ADe').hidden).toBe(4);
  });

  it('keeps emoji as written: one presentation selector after an emoji, joiners between pictographs', () => {
    for (const emoji of [
      '\u2764\uFE0F', // ❤️
      '\u2764\uFE0F\u200D\u{1F525}', // ❤️‍🔥
      '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', // family
      '\u{1F3F3}\uFE0F\u200D\u{1F308}', // rainbow flag
      '\u{1F44D}\u{1F3FD}\u200D\u2642\uFE0F', // a modifier inside a sequence
      '1\uFE0F\u20E3', // keycap 1
      '\u263A\uFE0E', // text presentation
    ]) {
      const text = `Sign ${emoji} now`;
      expect(revealHidden(text)).toEqual({ text, hidden: 0 });
    }
  });

  it('still writes out selectors and joiners that are not part of an emoji', () => {
    // A selector after a letter, a second selector, a run of them (how text is smuggled into an
    // emoji), a joiner between letters, one trailing a pictograph, and tag characters.
    expect(revealHidden('a\uFE0F')).toEqual({ text: 'a⟨U+FE0F⟩', hidden: 1 });
    expect(revealHidden('\u2764\uFE0F\uFE0F').text).toBe('\u2764\uFE0F⟨U+FE0F⟩');
    expect(revealHidden('\u{1F600}\uFE01\u{E0100}\u{E0101}').hidden).toBe(3);
    expect(revealHidden('pay\u200Dme').text).toBe('pay⟨U+200D⟩me');
    expect(revealHidden('\u{1F600}\u200D').hidden).toBe(1);
    expect(revealHidden('\u{1F3F4}\u{E0067}\u{E0062}\u{E007F}').hidden).toBe(3);
  });

  it('writes out a selector after a digit, # or * that is no keycap', () => {
    // "Pay 100" with an invisible selector after each digit.
    expect(revealHidden('Pay 1\uFE0F0\uFE0E0\uFE0F')).toEqual({
      text: 'Pay 1⟨U+FE0F⟩0⟨U+FE0E⟩0⟨U+FE0F⟩',
      hidden: 3,
    });
    expect(revealHidden('#\uFE0F*\uFE0E').hidden).toBe(2);
    // Only U+FE0F then U+20E3 makes a keycap.
    expect(revealHidden('1\uFE0E\u20E3').hidden).toBe(1);
    for (const keycap of ['#\uFE0F\u20E3', '*\uFE0F\u20E3', '0\uFE0F\u20E3']) {
      expect(revealHidden(keycap)).toEqual({ text: keycap, hidden: 0 });
    }
  });

  it('writes out unassigned code points inside a joiner run, as it does alone', () => {
    expect(revealHidden('\u{1F02C}').hidden).toBe(1);
    expect(revealHidden('\u{1F600}\u200D\u{1F02C}\u200D\u{1F02D}')).toEqual({
      text: '\u{1F600}⟨U+200D⟩⟨U+1F02C⟩⟨U+200D⟩⟨U+1F02D⟩',
      hidden: 4,
    });
    expect(revealHidden('\u{1F02C}\uFE0F').hidden).toBe(2);
  });

  it('keeps CR LF line breaks, and writes out a lone carriage return', () => {
    expect(revealHidden('a\r\nb')).toEqual({ text: 'a\r\nb', hidden: 0 });
    expect(revealHidden('a\rb')).toEqual({ text: 'a⟨U+000D⟩b', hidden: 1 });
  });
});

describe('hiddenWarning', () => {
  it('counts in words', () => {
    expect(hiddenWarning('The code', 1)).toMatch(
      /^The code holds 1 invisible or reordering character,/,
    );
    expect(hiddenWarning('The code', 2)).toMatch(/holds 2 invisible or reordering characters,/);
  });
});
