import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../../app/config';
import { ICON_ROUTE, LOGO_ROUTE, WebChatBranding } from '../../../../adapters/webchat/webChatBranding';
import { contactHtml } from '../../../../adapters/webchat/webChatPage';

const branding = (env: Record<string, string> = {}) => new WebChatBranding(loadConfig(env));

describe('the web chat page branding', () => {
  test('defaults: no owner name, the built-in logo as logo and favicon, not frameable, images from the assistant only', () => {
    const plain = branding();
    expect(plain.name).toBeUndefined();
    expect([plain.logoUrl, plain.iconUrl]).toEqual([ICON_ROUTE, ICON_ROUTE]);
    expect(plain.frameAncestors()).toBe("'none'");
    expect(plain.embeddable).toBe(false);
    expect(plain.imageSources()).toBe("'self'");
  });

  test('a logo file is served by the assistant and is the favicon too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'logo-'));
    const file = path.join(dir, 'ieper.svg');
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const withFile = branding({ WEBCHAT_LOGO: file });
    expect([withFile.logoUrl, withFile.iconUrl]).toEqual([LOGO_ROUTE, LOGO_ROUTE]);
    expect(withFile.imageSources()).toBe("'self'");
  });

  test("a logo URL is linked: its origin joins img-src; the favicon stays the assistant's", () => {
    const withUrl = branding({ WEBCHAT_LOGO: 'https://www.ieper.be/img/logo.png' });
    expect(withUrl.logoUrl).toBe('https://www.ieper.be/img/logo.png');
    expect(withUrl.iconUrl).toBe(ICON_ROUTE);
    expect(withUrl.imageSources()).toBe("'self' https://www.ieper.be");
  });

  test.each([
    ["'self'", "'self'", false],
    ['https://www.ieper.be,https://*.ieper.be', 'https://www.ieper.be https://*.ieper.be', true],
  ])('WEBCHAT_FRAME_ANCESTORS=%s: frame-ancestors %s, embeddable by another site: %s', (value, sources, embeddable) => {
    const framed = branding({ WEBCHAT_FRAME_ANCESTORS: value });
    expect(framed.frameAncestors()).toBe(sources);
    expect(framed.embeddable).toBe(embeddable);
  });

  test('the contact: phone as a tel: link, e-mail as a mailto: link, the address as text, all escaped; nothing when unset', () => {
    expect(contactHtml({}, 'Contact:')).toBe('');
    expect(contactHtml({ phone: '057 23 94 00', email: 'digibank@ieper.be', address: 'Weverijstraat 12 <b>' }, 'Contact:')).toBe(
      '<address id="brand-contact">Contact: <a href="tel:057239400">057 23 94 00</a> · <a href="mailto:digibank@ieper.be">digibank@ieper.be</a> · <span>Weverijstraat 12 &#60;b&#62;</span></address>',
    );
  });
});
