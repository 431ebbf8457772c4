import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { BrusselsTime } from '../../i18n/brusselsTime';
import { LOCALES_DIR } from '../../i18n/translator';
import { reachCsv, reachXlsx, ReportLabel } from '../../services/reach/reachExport';
import type { ReachReportService } from '../../services/reach/reachReport';
import type { ConsoleContext } from './consoleContext';
import { consoleRoute, ConsoleHttpError, sendJson } from './consoleHttp';
import { consoleTexts } from './consolePage';
import { CONSOLE_LANGUAGES } from './consoleUsers';

/** The longest period one report covers (days). */
const MAX_DAYS = 3 * 366;
const FORMATS = ['json', 'csv', 'xlsx'] as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A `YYYY-MM-DD` that is a real day, or undefined. */
export function parseDay(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number);
  return BrusselsTime.isValidDate(year, month, day) ? value : undefined;
}

/** The report's headers in a console language: `console:ui.reports.*`, topic names from `topics:choices`. */
export function reportLabels(language: string): ReportLabel {
  const lang = (CONSOLE_LANGUAGES as readonly string[]).includes(language) ? language : 'nl';
  const texts = (consoleTexts()[lang] as { reports: Record<string, unknown> }).reports;
  const topics = (JSON.parse(readFileSync(path.join(LOCALES_DIR, lang, 'topics.json'), 'utf8')) as { choices: Record<string, string> }).choices;
  return (key) => {
    const [group, ...rest] = key.split('.');
    if (group === 'topics') return topics[rest.join('.')] ?? rest.join('.');
    const node = group === 'columns' ? (texts.columns as Record<string, string>)[rest.join('.')] : rest.reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], texts[group]);
    return typeof node === 'string' ? node : key;
  };
}

/**
 * `GET /console/api/reports/reach?from=YYYY-MM-DD&to=YYYY-MM-DD[&digibankId=…]&format=json|csv|xlsx`:
 * the reach report of a period (Brussels days, inclusive). Coordinators get their own digibank,
 * administrators all digibanks or the one asked for; volunteers are refused (403).
 */
export function registerReportRoutes(server: Server, ctx: ConsoleContext, reports: ReachReportService): void {
  server.get('/console/api/reports/reach', consoleRoute(ctx.http, async (req: Request, res: Response) => {
    const user = await ctx.auth.authenticate(req, res, { roles: ['admin', 'coordinator'] });
    if (!user) return;
    const query = req.query as Record<string, unknown>;
    const from = parseDay(query.from);
    const to = parseDay(query.to);
    if (!from || !to) throw new ConsoleHttpError(400, 'invalid_period', { expected: 'from and to as YYYY-MM-DD' });
    if (from > to || BrusselsTime.daysBetween(from, to) > MAX_DAYS) throw new ConsoleHttpError(400, 'invalid_period', { expected: `from before to, at most ${MAX_DAYS} days` });
    const format = (query.format ?? 'json') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new ConsoleHttpError(400, 'invalid_format', { expected: FORMATS });
    const asked = typeof query.digibankId === 'string' && query.digibankId !== '' ? query.digibankId : undefined;
    const digibankId = user.role === 'admin' ? asked : (user.digibankId ?? undefined);
    if (user.role !== 'admin' && (!digibankId || (asked && asked !== digibankId))) throw new ConsoleHttpError(403, 'forbidden_digibank');
    if (digibankId && !(await ctx.prisma.digibank.findUnique({ where: { id: digibankId }, select: { id: true } }))) throw new ConsoleHttpError(404, 'unknown_digibank');
    const report = await reports.report({ from, to, digibankId });
    if (format === 'json') return sendJson(res, 200, report);
    const label = reportLabels(user.uiLanguage);
    const body = format === 'csv' ? Buffer.from(reachCsv(report, label), 'utf8') : await reachXlsx(report, label);
    res.writeHead(200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      'Content-Length': body.length,
      'Content-Disposition': `attachment; filename="reach-${from}-${to}.${format}"`,
    });
    res.end(body);
  }));
}
