import { describe, expect, it } from 'vitest';
import { HELD_OUT_BELOW, isHeldOut, splitKey, splitOf } from '../../bench/routing-split';

/**
 * bench:routing's held-out split is a pure function of the utterance: SHA-256 of the lower-cased
 * text without `{{placeholders}}`, held out when the first byte is below 77. Expected sides come
 * from `printf '%s' ... | sha256sum`, not from the function under test.
 */
describe('bench:routing split', () => {
  it('holds out below first byte 77, no seed', () => {
    expect(HELD_OUT_BELOW).toBe(77);
    // sha256('row 44') starts 0x4c (76), sha256('row 279') 0x4d (77): the boundary.
    expect(isHeldOut('row 44')).toBe(true);
    expect(isHeldOut('row 279')).toBe(false);
    // 'hello' 0x2c, 'd' 0x18: held out; 'abc' 0xba, '' 0xe3: tuning.
    expect(splitOf('hello')).toBe('heldout');
    expect(splitOf('d')).toBe('heldout');
    expect(splitOf('abc')).toBe('tuning');
    expect(splitOf('')).toBe('tuning');
  });

  it('ignores capitals and placeholders, and nothing else', () => {
    expect(splitKey('Cancel order {{Order Number}} NOW')).toBe('cancel order  now');
    expect(splitOf('HeLLo{{Person Name}}')).toBe(splitOf('hello'));
    expect(splitOf('ABC')).toBe('tuning');
    // Other characters count: a space changes the hash.
    expect(splitKey('hello ')).not.toBe(splitKey('hello'));
  });

  it('is deterministic and holds out about 77/256 of distinct sentences', () => {
    const texts = Array.from({ length: 20_000 }, (_, i) => `utterance number ${i}`);
    const first = texts.map(isHeldOut);
    expect(texts.map(isHeldOut)).toEqual(first);
    const share = first.filter(Boolean).length / texts.length;
    expect(share).toBeGreaterThan(77 / 256 - 0.015);
    expect(share).toBeLessThan(77 / 256 + 0.015);
  });
});
