import { VisitorIds } from '../../../../adapters/webchat/visitorIds';

describe('VisitorIds', () => {
  const ids = new VisitorIds(Buffer.from(VisitorIds.newKey()));

  test('issues random ids that its own signature proves', () => {
    const a = ids.issue();
    const b = ids.issue();
    expect(a.id).toMatch(/^web_[A-Za-z0-9_-]{22}$/);
    expect(a.id).not.toBe(b.id);
    expect(ids.verify(a.cookie)).toBe(a.id);
  });

  test.each([
    ['nothing', undefined],
    ['the id alone', 'ID'],
    ['another key\'s signature', 'OTHER_KEY'],
    ['a changed id with the signature', 'CHANGED'],
    ['an extra part', 'ID.SIG.extra'],
    ['a chosen id', 'web_victim.abc'],
  ])('refuses %s', (_name, kind) => {
    const { id, cookie } = ids.issue();
    const signature = cookie.split('.')[1];
    const forged = {
      ID: id,
      OTHER_KEY: new VisitorIds(Buffer.from(VisitorIds.newKey())).issue().cookie,
      CHANGED: `web_${'A'.repeat(22)}.${signature}`,
      'ID.SIG.extra': `${cookie}.extra`,
      'web_victim.abc': 'web_victim.abc',
    }[kind ?? ''];
    expect(ids.verify(forged)).toBeUndefined();
  });
});
