import { ReferenceCode } from '../../../../services/booking/referenceCode';

describe('ReferenceCode', () => {
  test('codes are six characters without 0, O, 1 or I, and valid', () => {
    for (let i = 0; i < 2000; i += 1) {
      const code = ReferenceCode.generate();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
      expect(ReferenceCode.isValid(code)).toBe(true);
    }
  });

  test('they are shown in two groups of three and read back however typed', () => {
    const code = ReferenceCode.generate();
    const shown = ReferenceCode.format(code);
    expect(shown).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
    expect(ReferenceCode.normalize(shown)).toBe(code);
    expect(ReferenceCode.normalize(` ${shown.toLowerCase().replace('-', ' ')} `)).toBe(code);
  });

  test('a single wrong character or a swap of neighbours (except 2 and Z) is recognised as a wrong code', () => {
    const alphabet = ReferenceCode.alphabet;
    let missed = 0;
    let tried = 0;
    for (let n = 0; n < 200; n += 1) {
      const code = ReferenceCode.generate();
      for (let i = 0; i < 5; i += 1) {
        for (const other of alphabet) {
          if (other === code[i]) continue;
          tried += 1;
          if (ReferenceCode.isValid(code.slice(0, i) + other + code.slice(i + 1))) missed += 1;
        }
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        const twoAndZ = new Set([code[i], code[i + 1]]).size === 2 && [code[i], code[i + 1]].every((c) => c === '2' || c === 'Z');
        if (i < 4 && swapped !== code && !twoAndZ) expect(ReferenceCode.isValid(swapped)).toBe(false);
      }
    }
    // Only "2" ↔ "Z" (values 0 and 31, equal modulo 31) slips through: about 1 in 500 typos.
    expect(missed / tried).toBeLessThan(0.01);
  });

  test.each([['K7M-4Q0'], ['ABCDE'], ['ABCDEFG'], ['I23456'], ['']])('%s is not a code', (typed) => {
    expect(ReferenceCode.normalize(typed)).toBeUndefined();
  });

  test('the random source can be injected (deterministic codes)', () => {
    expect(ReferenceCode.generate(() => 0)).toBe('222222');
    expect(ReferenceCode.isValid('222222')).toBe(true);
  });
});
