import { isHttpsRequest, readCookie } from '../../../../adapters/shared/httpRequest';

const request = (headers: Record<string, string>, encrypted = false) => ({ headers, socket: { encrypted } }) as never;

describe('isHttpsRequest', () => {
  test.each([
    ['plain http', {}, {}, false],
    ['PUBLIC_BASE_URL https', { publicBaseUrl: 'https://chat.example.org' }, {}, true],
    ['PUBLIC_BASE_URL http', { publicBaseUrl: 'http://chat.example.org' }, {}, false],
    ['X-Forwarded-Proto https, no trusted proxy', {}, { 'x-forwarded-proto': 'https' }, false],
    ['one trusted proxy sets https', { trustedProxyHops: 1 }, { 'x-forwarded-proto': 'https' }, true],
    ['one trusted proxy appends https after a client value', { trustedProxyHops: 1 }, { 'x-forwarded-proto': 'http, https' }, true],
    ['a client wrote https, the trusted proxy appended http', { trustedProxyHops: 1 }, { 'x-forwarded-proto': 'https, http' }, false],
    ['two trusted proxies, the outer one saw https', { trustedProxyHops: 2 }, { 'x-forwarded-proto': 'http, https, http' }, true],
    ['two trusted proxies, one entry (overwritten by a proxy)', { trustedProxyHops: 2 }, { 'x-forwarded-proto': 'HTTPS' }, true],
    ['a trusted proxy, no header', { trustedProxyHops: 1 }, {}, false],
  ])('%s', (_name, detection, headers, expected) => {
    expect(isHttpsRequest(request(headers), { trustedProxyHops: 0, ...detection })).toBe(expected);
  });

  test('a TLS socket is https', () => {
    expect(isHttpsRequest(request({}, true), { trustedProxyHops: 0 })).toBe(true);
  });
});

describe('readCookie', () => {
  const req = (cookie?: string) => ({ header: (name: string) => (name === 'cookie' ? cookie : undefined) });
  test.each([
    [undefined, undefined],
    ['a=1', undefined],
    ['digibank_uid=web_x.sig', 'web_x.sig'],
    ['a=1; digibank_uid=web_x.s=g; b=2', 'web_x.s=g'],
  ])('%s', (cookie, expected) => {
    expect(readCookie(req(cookie), 'digibank_uid')).toBe(expected);
  });
});
