import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { baseLanguage, Language, languageFromLocale } from '../../i18n/translator';
import { readCookie } from '../shared/httpRequest';
import type { VisitorIds } from './visitorIds';
import type { BrandContact, WebChatBranding } from './webChatBranding';

/** The page's texts, in the visitor's language (from locales/<language>/webchat.json). */
export interface PageTexts {
  /** The page's language (BCP 47, for the html `lang` attribute). */
  lang: string;
  /** Web Chat's own user-interface locale, e.g. `fr-FR`. */
  locale: string;
  title: string;
  noscript: string;
  /** What the page keeps in this browser, and why "forget me" matters on a shared computer. */
  cookieNote: string;
  /** The "forget me on this computer" button. */
  forgetMe: string;
  /** The link to the privacy notice. */
  privacy: string;
  /** "Contact:" before the digibank's phone, e-mail and address. */
  contactLabel: string;
  /** Web Chat's own strings in the assistant's wording (`webchat.webChatStrings`: the same "je"/"u"). */
  webChatStrings: Record<string, string>;
}

/** The privacy notice page's texts (`GET /privacy`), in the visitor's language. */
export interface PrivacyPageTexts {
  lang: string;
  title: string;
  privacyTitle: string;
  /** What is kept, who sees it, how long, how to erase (the chat's own notice). */
  notice: string;
  /** Whom to ask about personal data. */
  contact: string;
  /** The visitor cookie in words: its name, what it is for, how long it stays. */
  cookieTitle: string;
  cookieExplained: string;
  forgetMe: string;
  contactLabel: string;
  back: string;
}

/** Dependencies of the web chat page. */
export interface WebChatPageDeps {
  /** A new token and conversation for this visitor (a stable pseudonymous user id). */
  issueToken(userId: string): { token: string };
  /** Issues and checks the signed visitor ids of the cookie. */
  visitors: VisitorIds;
  /** True when the browser reached the page over https (the cookie is then `Secure`). */
  isHttps(req: Request): boolean;
  /** The page's texts: in the visitor's saved language, else the browser's Accept-Language. */
  texts(acceptLanguage: string | undefined, userId: string): Promise<PageTexts>;
  /** The privacy notice's texts, in the same language as the page. */
  privacyTexts(acceptLanguage: string | undefined, userId: string | undefined): Promise<PrivacyPageTexts>;
  /** The owner's name, logo, colours, contact and the sites that may frame the page. */
  branding: WebChatBranding;
}

/** The visitor cookie: a signed, server-issued visitor id ({@link VisitorIds}). */
export const USER_COOKIE = 'digibank_uid';
/** `POST` here (the page's "forget me on this computer" button) drops the cookie and starts a new visitor. */
export const FORGET_ROUTE = '/webchat/forget';
/** How long the visitor cookie stays (the page and the privacy notice say it). */
export const USER_COOKIE_DAYS = 180;
const USER_COOKIE_MAX_AGE = USER_COOKIE_DAYS * 24 * 3600;
const TEMPLATE = readFileSync(path.join(__dirname, 'public', 'index.html'), 'utf8');
const PRIVACY_TEMPLATE = readFileSync(path.join(__dirname, 'public', 'privacy.html'), 'utf8');
const PAGE_SCRIPT = readFileSync(path.join(__dirname, 'public', 'page.js'));
/** The script another site puts on its page to insert the chat in an iframe (README "Putting the chat on your municipality's site"). */
const EMBED_SCRIPT = readFileSync(path.join(__dirname, 'public', 'embed.js'));
// The package exports only its entry point (lib/index.js); the browser bundle sits in dist/ beside it.
const WEBCHAT_BUNDLE = path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');

/**
 * Serves `GET /`: Microsoft's Bot Framework Web Chat from the installed package (no CDN), with a
 * Direct Line token minted on the server so that no secret reaches the browser. A pseudonymous,
 * signed cookie (`digibank_uid`, 180 days, `HttpOnly`, `SameSite=Lax`, `Secure` over https) lets the
 * assistant recognise a returning visitor and remember their language, nothing more; the page says
 * so and offers "forget me on this computer" ({@link FORGET_ROUTE}), which drops the cookie and
 * starts a new anonymous visitor: the next person at a shared PC starts afresh.
 *
 * The page carries the owner's branding ({@link WebChatBranding}) and may be framed by the sites of
 * WEBCHAT_FRAME_ANCESTORS (CSP `frame-ancestors`; none by default). In an iframe of another site a
 * `SameSite=Lax` cookie is not sent, so when such sites are set and the page is served over https
 * the cookie is `SameSite=None; Secure; Partitioned` (kept per embedding site, as browsers that
 * block third-party cookies still allow). Over plain http that is impossible (browsers refuse
 * `SameSite=None` without `Secure`) and the cookie stays `Lax`.
 */
export class WebChatPage {
  private bundle?: Buffer;

  constructor(private readonly deps: WebChatPageDeps) {}

  register(server: Server): void {
    server.get('/', async (req: Request, res: Response) => {
      await this.page(req, res);
    });
    server.get('/webchat/webchat.js', async (_req: Request, res: Response) => this.script(res));
    server.get('/webchat/page.js', async (_req: Request, res: Response) => sendScript(res, PAGE_SCRIPT));
    server.get('/webchat/embed.js', async (_req: Request, res: Response) => sendScript(res, EMBED_SCRIPT));
    server.post(FORGET_ROUTE, async (req: Request, res: Response) => this.forget(req, res));
    server.get('/privacy', async (req: Request, res: Response) => this.privacyPage(req, res));
  }

  /** The privacy notice as a page (linked from the chat's header); no script, no cookie set. */
  private async privacyPage(req: Request, res: Response): Promise<void> {
    const texts = await this.deps.privacyTexts(req.header('accept-language'), this.deps.visitors.verify(readCookie(req, USER_COOKIE)));
    const nonce = randomBytes(16).toString('base64');
    const html = fill(PRIVACY_TEMPLATE, { ...texts, ...this.brandValues(texts.title), nonce, contactHtml: { raw: contactHtml(this.deps.branding.contact, texts.contactLabel) } });
    const { branding } = this.deps;
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; img-src ${branding.imageSources()}; frame-ancestors ${branding.frameAncestors()}; base-uri 'none'; form-action 'self'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(html);
  }

  private async page(req: Request, res: Response): Promise<void> {
    const visitor = this.visitor(req);
    const userId = visitor.id;
    const texts = await this.deps.texts(req.header('accept-language'), userId);
    const { branding } = this.deps;
    const nonce = randomBytes(16).toString('base64');
    const config = { token: this.deps.issueToken(userId).token, userId, locale: texts.locale, language: texts.lang, strings: texts.webChatStrings, colour: branding.colour };
    const { webChatStrings: _strings, ...shown } = texts;
    const html = fill(TEMPLATE, {
      ...shown,
      ...this.brandValues(texts.title),
      nonce,
      config: { raw: JSON.stringify(config).replace(/</g, '\\u003c') },
      contactHtml: { raw: contactHtml(branding.contact, texts.contactLabel) },
    });
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Set-Cookie': this.cookie(req, visitor.cookie, USER_COOKIE_MAX_AGE),
      'Content-Security-Policy': `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src ${branding.imageSources()} data: blob:; connect-src 'self'; frame-ancestors ${branding.frameAncestors()}; base-uri 'none'; form-action 'self'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(html);
  }

  /** The owner's look as the templates take it: the h1 is the owner's name when set, else the assistant's title. */
  private brandValues(title: string): Record<string, Fill> {
    const { branding } = this.deps;
    return {
      heading: branding.name ?? title,
      subtitleHtml: { raw: branding.name ? `<p class="subtitle">${escapeHtml(title)}</p>` : '' },
      documentTitle: branding.name ? `${title} · ${branding.name}` : title,
      logoUrl: branding.logoUrl,
      iconUrl: branding.iconUrl,
      colour: branding.colour,
      background: branding.background,
    };
  }

  /** The visitor of a signed cookie (its 180 days start again), else a new anonymous one. */
  private visitor(req: Request): { id: string; cookie: string } {
    const cookie = readCookie(req, USER_COOKIE);
    const id = this.deps.visitors.verify(cookie);
    return id && cookie ? { id, cookie } : this.deps.visitors.issue();
  }

  /**
   * "Forget me on this computer": the cookie is dropped (and what Web Chat may keep in the browser's
   * storage), and the browser goes back to the page, where a new anonymous visitor starts.
   */
  private forget(req: Request, res: Response): void {
    // A partitioned cookie and an ordinary one are two cookies: both are dropped (one may be from
    // before the page could be embedded).
    const cleared = [this.cookie(req, '', 0), this.cookie(req, '', 0, false)];
    res.writeHead(303, {
      Location: '/',
      'Cache-Control': 'no-store',
      'Set-Cookie': [...new Set(cleared)],
      'Clear-Site-Data': '"storage"',
    });
    res.end();
  }

  /** The visitor cookie's header; `framed`: made for an iframe of another site when the page may be embedded and is on https. */
  private cookie(req: Request, value: string, maxAge: number, framed = this.deps.branding.embeddable): string {
    const https = this.deps.isHttps(req);
    const site = https && framed ? 'SameSite=None; Secure; Partitioned' : `SameSite=Lax${https ? '; Secure' : ''}`;
    return `${USER_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; ${site}`;
  }

  private script(res: Response): void {
    this.bundle ??= readFileSync(WEBCHAT_BUNDLE);
    res.writeHead(200, { 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' });
    res.end(this.bundle);
  }
}

/** One of the page's own small scripts (revalidated at each use: a new version is picked up at once). */
function sendScript(res: Response, body: Buffer): void {
  res.writeHead(200, { 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A template value: text (escaped), or HTML the page built itself (`raw`, its own parts escaped). */
type Fill = string | { raw: string };

/** Fills a template's `{{key}}` places; a key without a value is left empty. */
function fill(template: string, values: Record<string, Fill | undefined>): string {
  return template.replace(/{{(\w+)}}/g, (_match, key: string) => {
    const value = values[key];
    return typeof value === 'object' ? value.raw : escapeHtml(value ?? '');
  });
}

/** The digibank's contact as an `<address>`: a phone (tel: link), an e-mail (mailto: link), an address line; nothing when none is set. */
export function contactHtml(contact: BrandContact, label: string): string {
  const parts = [
    contact.phone && `<a href="tel:${escapeHtml(contact.phone.replace(/[^+0-9]/g, ''))}">${escapeHtml(contact.phone)}</a>`,
    contact.email && `<a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a>`,
    contact.address && `<span>${escapeHtml(contact.address)}</span>`,
  ].filter(Boolean);
  return parts.length ? `<address id="brand-contact">${escapeHtml(label)} ${parts.join(' · ')}</address>` : '';
}

/** The first language of an Accept-Language header that the assistant speaks. */
export function languageFromAcceptLanguage(header: string | undefined): Language | undefined {
  for (const part of (header ?? '').split(',')) {
    const language = languageFromLocale(part.split(';')[0]);
    if (language) return language;
  }
  return undefined;
}

/** Web Chat's user-interface locale for a language (Web Chat ships nl-NL, fr-FR, en-US). */
export function webChatLocale(language: Language): string {
  return { nl: 'nl-NL', fr: 'fr-FR', en: 'en-US' }[baseLanguage(language) as 'nl' | 'fr' | 'en'] ?? 'nl-NL';
}
