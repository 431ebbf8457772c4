import { cutPoint, isGsm7, smsSegments, splitSms } from '../../../../adapters/sms/gsm7';

describe('GSM-7', () => {
  test('é è à ù ì ò ä ö ü are GSM-7; ê ë â î ô û ï ç are not', () => {
    for (const char of 'éèàùìòäöü') expect(isGsm7(char)).toBe(true);
    for (const char of 'êëâîôûïç') expect(isGsm7(char)).toBe(false);
    expect(isGsm7('Ç')).toBe(true);
  });

  test('segments: 160 / 153 for GSM-7', () => {
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  test('extension characters take two septets and are never split', () => {
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
    // 152 plain + one € (2 septets) does not fit the first 153-septet segment: it moves on.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toMatchObject({ units: 164, segments: 2 });
  });

  test('segments: 70 / 67 for UCS-2; one ç makes the whole SMS UCS-2', () => {
    expect(smsSegments(`Ça va, garçon${'a'.repeat(57)}`)).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1, nonGsmCharacters: ['ç'] });
    expect(smsSegments('ç'.repeat(71))).toMatchObject({ segments: 2 });
    expect(smsSegments('ç'.repeat(134))).toMatchObject({ segments: 2 });
    expect(smsSegments('ç'.repeat(135))).toMatchObject({ segments: 3 });
  });

  test('emoji are UCS-2 surrogate pairs, never split across segments', () => {
    expect(smsSegments('👍')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(smsSegments(`${'a'.repeat(66)}👍`)).toMatchObject({ units: 68, segments: 1 });
    expect(smsSegments(`${'a'.repeat(69)}👍`)).toMatchObject({ units: 71, segments: 2 });
  });

  test('splitSms keeps words whole and every part within the segment cap', () => {
    const text = Array.from({ length: 200 }, (_, i) => `woord${i}`).join(' ');
    const parts = splitSms(text, 2);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(smsSegments(part).segments).toBeLessThanOrEqual(2);
    expect(parts.join(' ')).toBe(text);
  });
});

describe('splitSms at sentence boundaries', () => {
  const sentence = (i: number) => `Dit is zin nummer ${i} van een lange uitleg over je afspraak.`;

  test('a long text is cut after a sentence, never mid-phrase', () => {
    const text = Array.from({ length: 20 }, (_, i) => sentence(i)).join(' ');
    const parts = splitSms(text, 2);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(smsSegments(part).segments).toBeLessThanOrEqual(2);
      expect(part).toMatch(/\.$/);
    }
    expect(parts.join(' ')).toBe(text);
  });

  test('a paragraph break is preferred to a sentence end', () => {
    const first = Array.from({ length: 3 }, (_, i) => sentence(i)).join(' ');
    const second = Array.from({ length: 3 }, (_, i) => sentence(i + 3)).join(' ');
    expect(splitSms(`${first}\n\n${second}`, 2)).toEqual([first, second]);
  });

  test('cutPoint: the last sentence end in the latter two thirds, else a word boundary', () => {
    expect(cutPoint('Een. Twee drie vier vijf. Zes zeven')).toBe('Een. Twee drie vier vijf.'.length);
    expect(cutPoint('Een twee drie vier vijf zes')).toBe('Een twee drie vier vijf'.length);
    expect(cutPoint('Eenheel_lang_woord')).toBe('Eenheel_lang_woord'.length);
  });
});
