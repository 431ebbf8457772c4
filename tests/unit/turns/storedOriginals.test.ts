import { StoredOriginals } from '../../../turns/storedOriginals';

describe('StoredOriginals', () => {
  test('a message with a national register number is stored masked; its turn takes the original once', () => {
    const originals = new StoredOriginals();
    const activity = { type: 'message', text: 'nummer 85073003328' };
    const stored = originals.keep('m1', activity);
    expect(stored.text).toBe('nummer •••••••••••');
    expect(originals.take('m1')).toBe(activity);
    expect(originals.take('m1')).toBeUndefined();
  });

  test('a message without such data is stored as it is and nothing is held', () => {
    const originals = new StoredOriginals();
    const activity = { type: 'message', text: 'hallo, bel 0470 12 34 56' };
    expect(originals.keep('m2', activity)).toBe(activity);
    expect(originals.take('m2')).toBeUndefined();
  });

  test('a failed turn puts the original back for its retry', () => {
    const originals = new StoredOriginals();
    const activity = { type: 'message', text: 'IBAN BE68539007547034' };
    originals.keep('m3', activity);
    originals.putBack('m3', originals.take('m3') ?? {});
    expect(originals.take('m3')).toBe(activity);
  });
});
