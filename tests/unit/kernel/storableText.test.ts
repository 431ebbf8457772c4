import { isDataError, storable } from '../../../kernel/storableText';

describe('storable', () => {
  test.each([
    ['hallo', 'hallo'],
    ['wamid.a\u0000b', 'wamid.ab'],
    ['menu \ud83d', 'menu \ufffd'],
    ['\udc4d en', '\ufffd en'],
    ['hulp 🙏👍🏽', 'hulp 🙏👍🏽'],
  ])('%j → %j', (raw, kept) => {
    expect(storable(raw)).toBe(kept);
  });

  test('every string of a message, keys included; dates and numbers untouched', () => {
    const at = new Date(0);
    expect(storable({ id: 'x\u0000', n: 2, at, list: ['\ud800'], nested: { 'k\u0000': 'v' } })).toEqual({ id: 'x', n: 2, at, list: ['\ufffd'], nested: { k: 'v' } });
  });
});

describe('isDataError', () => {
  test.each([
    [{ code: '22P05' }, true],
    [{ code: '22021' }, true],
    [{ meta: { code: '22001' } }, true],
    [new Error('wrapped', { cause: { code: '22P02' } }), true],
    [{ code: '08006' }, false],
    [{ code: '40001' }, false],
    [new Error('connection lost'), false],
    [undefined, false],
  ])('%j → %s', (error, data) => {
    expect(isDataError(error)).toBe(data);
  });
});
