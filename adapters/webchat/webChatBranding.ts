import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Request, Response, Server } from 'restify';

/** The branding settings of the web chat page (app/config.ts, README "Your own web chat page"). */
export interface WebChatBrandSettings {
  WEBCHAT_NAME?: string;
  /** An image file served by the assistant, or an http(s) URL. */
  WEBCHAT_LOGO?: string;
  WEBCHAT_COLOR: string;
  WEBCHAT_BACKGROUND_COLOR: string;
  WEBCHAT_CONTACT_PHONE?: string;
  WEBCHAT_CONTACT_EMAIL?: string;
  WEBCHAT_CONTACT_ADDRESS?: string;
  /** Origins allowed to frame the page (already split); unset or empty: none. */
  WEBCHAT_FRAME_ANCESTORS?: readonly string[];
}

/** How to reach the digibank, as the page shows it. */
export interface BrandContact {
  phone?: string;
  email?: string;
  address?: string;
}

/** Where a logo file (WEBCHAT_LOGO) is served. */
export const LOGO_ROUTE = '/webchat/logo';
/** Where the built-in logo (a speech bubble in the main colour) is served. */
export const ICON_ROUTE = '/webchat/icon.svg';

/** Image types the logo may have (WEBCHAT_LOGO as a file), by extension. */
export const LOGO_TYPES: Readonly<Record<string, string>> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' };

/**
 * The owner's look of the web chat page and of its privacy page: name, logo, main and background
 * colour, contact, favicon, and the sites that may frame the page. The configuration has checked
 * the colours' contrast (axe-core passes with any accepted pair) and that a logo file exists; a logo
 * file is read once at start and served by the assistant ({@link LOGO_ROUTE}), a logo URL is linked
 * (its origin is added to the page's `img-src`). Without a logo the page shows a plain built-in one
 * in the main colour, which is also the favicon.
 */
export class WebChatBranding {
  readonly name?: string;
  readonly colour: string;
  readonly background: string;
  readonly contact: BrandContact;
  /** The logo's address for `<img src>`. */
  readonly logoUrl: string;
  /** The favicon's address (the logo file when one is set, else the built-in logo). */
  readonly iconUrl: string;
  private readonly logoFile?: { body: Buffer; type: string };
  private readonly builtInIcon: string;

  constructor(private readonly settings: WebChatBrandSettings) {
    this.name = settings.WEBCHAT_NAME;
    this.colour = settings.WEBCHAT_COLOR;
    this.background = settings.WEBCHAT_BACKGROUND_COLOR;
    this.contact = { phone: settings.WEBCHAT_CONTACT_PHONE, email: settings.WEBCHAT_CONTACT_EMAIL, address: settings.WEBCHAT_CONTACT_ADDRESS };
    this.builtInIcon = builtInLogo(this.colour);
    const logo = settings.WEBCHAT_LOGO;
    if (logo && !isUrl(logo)) this.logoFile = { body: readFileSync(logo), type: LOGO_TYPES[extname(logo).toLowerCase()] ?? 'application/octet-stream' };
    this.logoUrl = logo && isUrl(logo) ? logo : this.logoFile ? LOGO_ROUTE : ICON_ROUTE;
    this.iconUrl = this.logoFile ? LOGO_ROUTE : ICON_ROUTE;
  }

  /** The CSP `frame-ancestors` sources: the configured sites, else `'none'` (the page cannot be framed). */
  frameAncestors(): string {
    const origins = this.settings.WEBCHAT_FRAME_ANCESTORS ?? [];
    return origins.length ? origins.join(' ') : "'none'";
  }

  /** True when some site may frame the page: its cookie must then work in a third-party iframe. */
  get embeddable(): boolean {
    return (this.settings.WEBCHAT_FRAME_ANCESTORS ?? []).some((origin) => origin !== "'self'");
  }

  /** The CSP `img-src` sources: the assistant itself, and a logo URL's origin. */
  imageSources(): string {
    const logo = this.settings.WEBCHAT_LOGO;
    return logo && isUrl(logo) ? `'self' ${new URL(logo).origin}` : "'self'";
  }

  /** Serves the logo file and the built-in logo (also `/favicon.ico`, which browsers ask for on their own). */
  register(server: Server): void {
    server.get(ICON_ROUTE, async (_req: Request, res: Response) => this.send(res, Buffer.from(this.builtInIcon), 'image/svg+xml'));
    if (this.logoFile) {
      const { body, type } = this.logoFile;
      server.get(LOGO_ROUTE, async (_req: Request, res: Response) => this.send(res, body, type));
    }
    server.get('/favicon.ico', async (_req: Request, res: Response) => {
      res.writeHead(302, { Location: this.iconUrl, 'Cache-Control': 'public, max-age=3600' });
      res.end();
    });
  }

  private send(res: Response, body: Buffer, type: string): void {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
    res.end(body);
  }
}

function isUrl(value: string): boolean {
  return /^https?:\/\//.test(value);
}

/** A speech bubble in the main colour: the default logo and favicon. */
function builtInLogo(colour: string): string {
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
    `<rect x="4" y="6" width="56" height="40" rx="10" fill="${colour}" stroke="#ffffff" stroke-width="3"/>` +
    `<path d="M18 44 L14 58 L32 44 Z" fill="${colour}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"/>` +
    '<circle cx="20" cy="26" r="4" fill="#ffffff"/><circle cx="32" cy="26" r="4" fill="#ffffff"/><circle cx="44" cy="26" r="4" fill="#ffffff"/>' +
    '</svg>'
  );
}
