import { AreaReach, DigibankReach, REPORT_CHANNELS, ReachFigures, ReachReport } from './reachReport';

/** A header in the reader's language: `label('uniquePeople')`, `label('byChannel.sms')`, `label('sheets.summary')`. */
export type ReportLabel = (key: string) => string;

/** One figure of a row: its key (a path in {@link ReachFigures}) and how to read it. */
interface Column {
  key: string;
  value: (figures: ReachFigures) => number | null;
}

/** A row of an overview: who it is about, and their figures. */
interface ScopeRow {
  kind: 'total' | 'digibank' | 'unlinked' | 'municipality' | 'province';
  name: string;
  municipality: string;
  province: string;
  figures: ReachFigures;
}

const column = (key: string, value: Column['value']): Column => ({ key, value });

const SUMMARY: Column[] = [
  column('uniquePeople', (f) => f.uniquePeople),
  column('conversations', (f) => f.conversations),
  column('messages', (f) => f.messages),
  column('appointments.made', (f) => f.appointments.made),
  column('appointments.kept', (f) => f.appointments.kept),
  column('appointments.noShow', (f) => f.appointments.noShow),
  column('appointments.cancelled', (f) => f.appointments.cancelled),
  column('homeVisits', (f) => f.homeVisits),
  column('workshops.registered', (f) => f.workshops.registered),
  column('workshops.cancelled', (f) => f.workshops.cancelled),
  column('workshops.attended', (f) => f.workshops.attended),
  column('repairs.requested', (f) => f.repairs.requested),
  column('loans.requested', (f) => f.loans.requested),
  column('loans.started', (f) => f.loans.started),
  column('loans.returned', (f) => f.loans.returned),
  column('loans.overdue', (f) => f.loans.overdue),
  column('donations', (f) => f.donations),
  column('handoffs.count', (f) => f.handoffs.count),
  column('handoffs.medianWaitSeconds', (f) => f.handoffs.medianWaitSeconds),
  column('handoffs.p90WaitSeconds', (f) => f.handoffs.p90WaitSeconds),
  column('handoffs.unanswered', (f) => f.handoffs.unanswered),
  column('callbacks.requested', (f) => f.callbacks.requested),
  column('callbacks.done', (f) => f.callbacks.done),
  column('smsSegments', (f) => f.smsSegments),
  column('whatsappTemplates', (f) => f.whatsappTemplates),
  column('costEur', (f) => f.costEur),
];

const APPOINTMENTS = SUMMARY.filter((c) => c.key.startsWith('appointments.') || c.key === 'homeVisits' || c.key.startsWith('workshops.'));
const LOANS = SUMMARY.filter((c) => c.key.startsWith('loans.') || c.key === 'donations');

/** Channels (people and messages), languages (people and messages) and costs: the languages met in the report. */
function channelColumns(report: ReachReport): Column[] {
  const languages = languagesOf(report);
  return [
    ...REPORT_CHANNELS.map((channel) => column(`byChannel.${channel}`, (f) => f.byChannel[channel])),
    ...REPORT_CHANNELS.map((channel) => column(`messagesByChannel.${channel}`, (f) => f.messagesByChannel[channel])),
    ...languages.map((language) => column(`byLanguage.${language}`, (f) => f.byLanguage[language] ?? 0)),
    ...languages.map((language) => column(`messagesByLanguage.${language}`, (f) => f.messagesByLanguage[language] ?? 0)),
    ...SUMMARY.filter((c) => ['smsSegments', 'whatsappTemplates', 'costEur'].includes(c.key)),
  ];
}

function languagesOf(report: ReachReport): string[] {
  const order = ['nl', 'fr', 'en', 'nl-simple', 'fr-simple', 'en-simple'];
  const found = new Set<string>(order);
  for (const row of scopeRows(report)) Object.keys(row.figures.byLanguage).forEach((language) => found.add(language));
  return [...found];
}

function topicsOf(report: ReachReport): string[] {
  return [...new Set(scopeRows(report).flatMap((row) => Object.keys(row.figures.topics)))].sort();
}

/** Totals, each digibank, and those not linked to a digibank, in that order. */
function scopeRows(report: ReachReport): ScopeRow[] {
  const digibank = (d: DigibankReach): ScopeRow => ({ kind: 'digibank', name: d.name, municipality: d.municipality ?? '', province: d.province ?? '', figures: d });
  return [
    { kind: 'total', name: '', municipality: '', province: '', figures: report.totals },
    ...report.digibanks.map(digibank),
    { kind: 'unlinked', name: '', municipality: '', province: '', figures: report.unlinked },
  ];
}

function areaRows(report: ReachReport): ScopeRow[] {
  const area = (kind: 'municipality' | 'province') => (a: AreaReach): ScopeRow => ({ kind, name: '', municipality: a.municipality ?? '', province: a.province, figures: a });
  return [...report.provinces.map(area('province')), ...report.municipalities.map(area('municipality'))];
}

/** Every column of the CSV: the summary, channels, languages and costs, and one per topic. */
function allColumns(report: ReachReport): Column[] {
  const channels = channelColumns(report).filter((c) => !SUMMARY.some((s) => s.key === c.key));
  const topics = topicsOf(report).map((topic) => column(`topics.${topic}`, (f) => f.topics[topic] ?? 0));
  return [...SUMMARY, ...channels, ...topics];
}

function labelOfColumn(label: ReportLabel, key: string): string {
  const [group, item] = key.split('.');
  if (group === 'topics') return `${label('columns.topic')}: ${label(`topics.${item}`)}`;
  if (item && ['byChannel', 'messagesByChannel', 'byLanguage', 'messagesByLanguage'].includes(group)) {
    return `${label(`columns.${group}`)}: ${label(group.endsWith('Channel') ? `channels.${item}` : `languages.${item}`)}`;
  }
  return label(`columns.${key}`);
}

function scopeName(label: ReportLabel, row: ScopeRow): string {
  return row.kind === 'total' ? label('rows.total') : row.kind === 'unlinked' ? label('rows.unlinked') : row.name;
}

/** A CSV cell; a text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`) is kept as text. */
const csvCell = (value: string | number | null): string => {
  const text = value === null ? '' : typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The report as CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads accents): one row for the
 * totals, one per digibank, one for those not linked; every figure a column, headers in the reader's language.
 */
export function reachCsv(report: ReachReport, label: ReportLabel): string {
  const columns = allColumns(report);
  const header = [label('columns.scope'), label('columns.municipality'), label('columns.province'), ...columns.map((c) => labelOfColumn(label, c.key))];
  const rows = scopeRows(report).map((row) => [scopeName(label, row), row.municipality, row.province, ...columns.map((c) => c.value(row.figures))]);
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * The report as an Excel workbook (exceljs): one sheet per overview — summary per digibank,
 * municipalities and provinces, topics, channels and costs, appointments, loans — headers in the
 * reader's language, figures as numbers.
 */
export async function reachXlsx(report: ReachReport, label: ReportLabel): Promise<Buffer> {
  // Loaded on the first workbook asked for: exceljs costs about 30 MB of memory a digibank's PC keeps for nothing otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Digibank assistant';
  const scopes = scopeRows(report);
  const place = [label('columns.scope'), label('columns.municipality'), label('columns.province')];
  const sheet = (key: string, header: string[], rows: (string | number | null)[][]) => {
    // Excel's rules for a sheet name: at most 31 characters, none of * ? : \ / [ ].
    const worksheet = workbook.addWorksheet(label(`sheets.${key}`).replace(/[*?:\\/[\]]/g, ' ').trim().slice(0, 31));
    worksheet.addRow([`${label('period')}: ${report.from} – ${report.to}`]);
    worksheet.addRow(header).font = { bold: true };
    rows.forEach((row) => worksheet.addRow(row));
    worksheet.columns.forEach((col, index) => { col.width = index === 0 ? 32 : 16; });
    worksheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
  };
  const table = (columns: Column[], rows: ScopeRow[], name: (row: ScopeRow) => string) =>
    rows.map((row) => [name(row), row.municipality, row.province, ...columns.map((c) => c.value(row.figures))]);
  sheet('summary', [...place, ...SUMMARY.map((c) => labelOfColumn(label, c.key))], table(SUMMARY, scopes, (row) => scopeName(label, row)));
  sheet('areas', [label('columns.level'), label('columns.municipality'), label('columns.province'), ...SUMMARY.map((c) => labelOfColumn(label, c.key))], table(SUMMARY, areaRows(report), (row) => label(`rows.${row.kind}`)));
  const topics = topicsOf(report);
  sheet('topics', [label('columns.scope'), label('columns.topic'), label('columns.topicLabel'), label('columns.conversations')], scopes.flatMap((row) => topics.filter((topic) => row.figures.topics[topic]).map((topic) => [scopeName(label, row), topic, label(`topics.${topic}`), row.figures.topics[topic]])));
  const channels = channelColumns(report);
  sheet('channels', [...place, ...channels.map((c) => labelOfColumn(label, c.key))], table(channels, scopes, (row) => scopeName(label, row)));
  sheet('appointments', [...place, ...APPOINTMENTS.map((c) => labelOfColumn(label, c.key))], table(APPOINTMENTS, scopes, (row) => scopeName(label, row)));
  sheet('loans', [...place, ...LOANS.map((c) => labelOfColumn(label, c.key))], table(LOANS, scopes, (row) => scopeName(label, row)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
