import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { LOCALES_DIR } from '../../i18n/translator';
import { ConsoleHttpOptions, securityHeaders, sendError } from './consoleHttp';
import { CONSOLE_LANGUAGES } from './consoleUsers';
import { consoleBundle } from './consoleBundle';

const PUBLIC_DIR = path.join(__dirname, 'public');
/** Chart.js's browser build (npm package `chart.js`), served from this server: no CDN. */
const CHART_JS = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');
const FILES: Record<string, { file: string; type: string }> = {
  '/console': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
  '/console/reports': { file: 'reports.html', type: 'text/html; charset=utf-8' },
  '/console/reports.js': { file: 'reports.js', type: 'application/javascript; charset=utf-8' },
  '/console/chart.umd.js': { file: CHART_JS, type: 'application/javascript; charset=utf-8' },
};

/**
 * The console's own texts (`console.ui` of locales/{nl,fr,en}/console.json) for the page, with the
 * topic names (`topics.choices` of topics.json) as `topics` (the console shows a topic in words) and
 * the language's own name (`choices.name` of language.json) as `languageName`, for the language switch.
 */
export function consoleTexts(): Record<string, unknown> {
  const read = (language: string, file: string) => JSON.parse(readFileSync(path.join(LOCALES_DIR, language, file), 'utf8'));
  return Object.fromEntries(
    CONSOLE_LANGUAGES.map((language) => [language, { ...read(language, 'console.json').ui, topics: read(language, 'topics.json').choices, languageName: read(language, 'language.json').choices.name }]),
  );
}

/**
 * The console page and its Reports page: plain HTML and one style sheet from `public/`, the
 * console's script bundled from `front/` ({@link consoleBundle}), the Reports script and Chart.js
 * from its npm package (no CDN, no inline script), `GET /console/texts.json` with the interface texts in nl, fr and en, and a JSON 404 for
 * any other `/console/api/*` path, all with the console's security headers.
 */
export function registerConsolePage(server: Server, http: ConsoleHttpOptions): void {
  const files = new Map(Object.entries(FILES).map(([route, { file, type }]) => [route, { body: readFileSync(path.resolve(PUBLIC_DIR, file)), type }]));
  const texts = Buffer.from(JSON.stringify(consoleTexts()));
  const serve = (body: Buffer, type: string) => async (_req: Request, res: Response) => {
    securityHeaders(res, http, 'no-cache');
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
    res.end(body);
  };
  for (const [route, file] of files) server.get(route, serve(file.body, file.type));
  server.get('/console/console.js', serve(consoleBundle(), 'application/javascript; charset=utf-8'));
  server.get('/console/texts.json', serve(texts, 'application/json; charset=utf-8'));
  const notFound = async (_req: Request, res: Response) => {
    securityHeaders(res, http);
    sendError(res, 404, 'not_found');
  };
  for (const method of ['get', 'post', 'put', 'patch', 'del'] as const) server[method]('/console/api/*', notFound);
}
