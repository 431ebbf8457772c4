import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, App } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';

/** Starts the real server on a free port with an in-memory embedded database. */
function start(env: Record<string, string> = {}): Promise<App> {
  return startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent', ...env }));
}

/** One directive of a Content-Security-Policy header. */
function directive(csp: string | null, name: string): string | undefined {
  return (csp ?? '').split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name} `));
}

describe('the web chat page as configured by its owner (real server)', () => {
  describe('not embeddable (the default)', () => {
    let app: App;
    beforeAll(async () => { app = await start(); }, 60_000);
    afterAll(() => app.close());

    test("no site may frame the page or the privacy notice; the cookie is SameSite=Lax", async () => {
      for (const route of ['/', '/privacy']) {
        const response = await fetch(`${app.url}${route}`);
        expect(directive(response.headers.get('content-security-policy'), 'frame-ancestors')).toBe("frame-ancestors 'none'");
      }
      const page = await fetch(`${app.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(page.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Lax$/); // no trusted proxy: the header is ignored
      const forget = await fetch(`${app.url}/webchat/forget`, { method: 'POST', redirect: 'manual' });
      expect(forget.headers.getSetCookie()).toEqual(['digibank_uid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
    });

    test('the built-in logo is served (and is the favicon); the page names the assistant in its one h1', async () => {
      const icon = await fetch(`${app.url}/webchat/icon.svg`);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(await icon.text()).toContain('fill="#004f9f"');
      const favicon = await fetch(`${app.url}/favicon.ico`, { redirect: 'manual' });
      expect([favicon.status, favicon.headers.get('location')]).toEqual([302, '/webchat/icon.svg']);
      const html = await (await fetch(`${app.url}/`, { headers: { 'accept-language': 'nl-BE' } })).text();
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).toContain('<h1>Digibank-assistent</h1>');
      expect(html).not.toContain('brand-contact');
    });
  });

  describe('branded and embeddable, behind a trusted https proxy', () => {
    let app: App;
    const logo = path.join(mkdtempSync(path.join(tmpdir(), 'logo-')), 'ieper.png');
    writeFileSync(logo, Buffer.from('89504e470d0a1a0a', 'hex'));
    beforeAll(async () => {
      app = await start({
        WEBCHAT_NAME: 'Digibank Ieper',
        WEBCHAT_LOGO: logo,
        WEBCHAT_COLOR: '#7a1f3d',
        WEBCHAT_CONTACT_PHONE: '057 23 94 00',
        WEBCHAT_CONTACT_EMAIL: 'digibank@ieper.be',
        WEBCHAT_FRAME_ANCESTORS: 'https://www.ieper.be,https://*.ieper.be',
        TRUST_PROXY: '1',
      });
    }, 60_000);
    afterAll(() => app.close());

    test('the listed sites may frame the page and the privacy notice', async () => {
      for (const route of ['/', '/privacy']) {
        const response = await fetch(`${app.url}${route}`);
        expect(directive(response.headers.get('content-security-policy'), 'frame-ancestors')).toBe('frame-ancestors https://www.ieper.be https://*.ieper.be');
      }
    });

    test('over https the cookie works in a third-party iframe (SameSite=None; Secure; Partitioned), and "forget me" clears that same cookie; over http it stays Lax', async () => {
      const https = await fetch(`${app.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers.get('set-cookie')).toMatch(/^digibank_uid=web_[^;]+; Path=\/; Max-Age=15552000; HttpOnly; SameSite=None; Secure; Partitioned$/);
      const forget = await fetch(`${app.url}/webchat/forget`, { method: 'POST', headers: { 'x-forwarded-proto': 'https' }, redirect: 'manual' });
      expect(forget.headers.getSetCookie()).toEqual([
        'digibank_uid=; Path=/; Max-Age=0; HttpOnly; SameSite=None; Secure; Partitioned',
        'digibank_uid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure', // one from before the page could be embedded
      ]);
      const http = await fetch(`${app.url}/`);
      expect(http.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Lax$/);
    });

    test('the owner\'s name, logo file, colour and contact are on the page; the logo file is served and is the favicon', async () => {
      const html = await (await fetch(`${app.url}/`, { headers: { 'accept-language': 'fr-BE' } })).text();
      expect(html).toContain('<h1>Digibank Ieper</h1>');
      expect(html).toContain('<title>Assistant Digibank · Digibank Ieper</title>');
      expect(html).toContain('<img src="/webchat/logo" alt="" id="logo">');
      expect(html).toContain('<link rel="icon" href="/webchat/logo">');
      expect(html).toContain('--brand: #7a1f3d;');
      expect(html).toContain('<a href="tel:057239400">057 23 94 00</a> · <a href="mailto:digibank@ieper.be">digibank@ieper.be</a>');
      const served = await fetch(`${app.url}/webchat/logo`);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await served.arrayBuffer()).toString('hex')).toBe('89504e470d0a1a0a');
    });
  });
});
