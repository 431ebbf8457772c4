import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BrusselsTime } from '../../../../i18n/brusselsTime';
import { LOCALES_DIR } from '../../../../i18n/translator';
import type { DigibankReach, ReachFigures, ReachReport } from '../../../../services/reach/reachReport';
import { ConsoleClient } from '../../../support/consoleClient';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { SmsDriver, WebChatDriver, WhatsAppDriver } from '../../../journeys/support/drivers';
import { JourneyServer, startJourneyServer, untilSettled } from '../../../journeys/support/journeyServer';

const ADMIN = { username: 'chief', password: 'correct horse battery staple' };
const COORDINATOR = { username: 'kortrijk', password: 'kortrijk-coordinator-2026' };
const VOLUNTEER = { username: 'vera', password: 'vera-volunteer-2026' };
const PRICES = { sms: 0.1, template: 0.05 };
const TAX_QUESTION = 'Hoe doe ik mijn belastingaangifte op Tax-on-web?';

/** The English headers of the report (locales/en/console.json `ui.reports`), to find a figure's column. */
const TEXTS = (JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en', 'console.json'), 'utf8')) as { ui: { reports: Record<string, Record<string, string>> } }).ui.reports;
const TOPICS = (JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en', 'topics.json'), 'utf8')) as { choices: Record<string, string> }).choices;

/** Every figure of a scope as (path, value): `uniquePeople`, `byChannel.sms`, `handoffs.medianWaitSeconds`, `topics.tax`… */
function leaves(figures: ReachFigures): [string, number | null][] {
  const out: [string, number | null][] = [];
  for (const [key, value] of Object.entries(figures)) {
    if (['digibankId', 'name', 'municipality', 'province'].includes(key)) continue;
    if (value !== null && typeof value === 'object') for (const [inner, v] of Object.entries(value as Record<string, number | null>)) out.push([`${key}.${inner}`, v]);
    else out.push([key, value as number | null]);
  }
  return out;
}

/** The header a figure has in the CSV and the workbook (English). */
function header(key: string): string {
  const [group, item] = key.split('.');
  if (group === 'topics') return `${TEXTS.columns.topic}: ${TOPICS[item] ?? item}`;
  if (['byChannel', 'messagesByChannel'].includes(group)) return `${TEXTS.columns[group]}: ${TEXTS.channels[item]}`;
  if (['byLanguage', 'messagesByLanguage'].includes(group)) return `${TEXTS.columns[group]}: ${TEXTS.languages[item]}`;
  return TEXTS.columns[key];
}

/** The CSV as rows of header → cell. */
function parseCsv(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.filter((cell, i, all) => i < all.length - 1 || cell !== '').map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));
  const [head, ...rows] = lines;
  return rows.map((row) => Object.fromEntries(head.map((name, i) => [name, row[i] ?? ''])));
}

/** A worksheet as rows of header → value (row 1: the period, row 2: the headers). */
function sheetRows(workbook: ExcelJS.Workbook, name: string): Record<string, unknown>[] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const head = Array.from({ length: sheet.getRow(2).cellCount }, (_, i) => String(sheet.getRow(2).getCell(i + 1).value));
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number > 2) rows.push(Object.fromEntries(head.map((name, i) => [name, row.getCell(i + 1).value])));
  });
  return rows;
}

describe.each(databaseKinds)('reach report through the real channels (%s)', (kind) => {
  let db: TestDatabase | undefined;
  let server: JourneyServer;
  let admin: ConsoleClient;
  let coordinator: ConsoleClient;
  let kortrijk: string;
  let gent: string;
  const today = BrusselsTime.localDate(new Date());
  const expected = { smsSegments: { kortrijk: 0, unlinked: 0 }, waitSeconds: 0 };

  beforeAll(async () => {
    db = kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
    server = await startJourneyServer({
      ...(db ? { DATABASE_URL: db.target.kind === 'postgres' ? db.target.url : '' } : {}),
      CONSOLE_ADMIN_USERNAME: ADMIN.username, CONSOLE_ADMIN_PASSWORD: ADMIN.password,
      WHATSAPP_TEMPLATE_NAME: 'digibank_update', SMS_SEGMENT_PRICE_EUR: String(PRICES.sms), WHATSAPP_TEMPLATE_PRICE_EUR: String(PRICES.template),
    });
    const { prisma } = server.app.db;
    kortrijk = (await prisma.digibank.findFirstOrThrow({ where: { name: 'Digibank Kortrijk (DEMO)' } })).id;
    gent = (await prisma.digibank.findFirstOrThrow({ where: { name: 'Digibank Gent (DEMO)' } })).id;
    admin = new ConsoleClient(server.app.url);
    expect(await admin.login(ADMIN.username, ADMIN.password)).toBe(200);
    expect((await admin.post('/console/api/users', { ...COORDINATOR, role: 'coordinator', digibankId: kortrijk, languages: ['nl'], uiLanguage: 'en' })).status).toBe(201);
    expect((await admin.post('/console/api/users', { ...VOLUNTEER, role: 'volunteer', digibankId: kortrijk, languages: ['nl'], uiLanguage: 'nl' })).status).toBe(201);
    coordinator = new ConsoleClient(server.app.url);
    expect(await coordinator.login(COORDINATOR.username, COORDINATOR.password)).toBe(200);
    await buildHistory();
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  /** The conversation row of a driver. */
  async function conversationOf(driver: { channel: string; conversationId: string }) {
    return server.app.db.prisma.conversation.findUniqueOrThrow({ where: { channel_channelConversationId: { channel: driver.channel, channelConversationId: driver.conversationId } } });
  }

  /**
   * An administrator books the first free Kortrijk slot for the driver's person, from the console
   * (the person has no digibank yet: their conversation is an administrator's to open).
   */
  async function bookFor(driver: { channel: string; conversationId: string }): Promise<string> {
    const conversation = await conversationOf(driver);
    const slots = await admin.get(`/console/api/conversations/${conversation.id}/slots`);
    const kortrijk = (slots.body.locations as { name: string; slots: { slotId: string }[] }[]).find((location) => /Kortrijk/.test(location.name));
    const slot = (kortrijk ?? (slots.body.locations as { slots: { slotId: string }[] }[])[0]).slots[0];
    const booked = await admin.post(`/console/api/conversations/${conversation.id}/book`, { slotId: slot.slotId });
    if (booked.status !== 201) throw new Error(`booking refused: ${booked.status} ${JSON.stringify(booked.body)}`);
    await server.app.assistant.runner.idle();
    return (booked.body.booking as { id: string }).id;
  }

  /** Time passes: the appointment started an hour ago (today), so its outcome can be recorded. */
  let started = 0;
  async function startedAnHourAgo(bookingId: string): Promise<void> {
    const startsAt = new Date(Math.max(Date.now() - 3_600_000, BrusselsTime.startOfDay(today).getTime()) + (started++) * 1000);
    const endsAt = new Date(startsAt.getTime() + 60_000);
    const { prisma } = server.app.db;
    const booking = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    await prisma.helpdeskSlot.update({ where: { id: booking.slotId as string }, data: { startsAt, endsAt } });
    await prisma.booking.update({ where: { id: bookingId }, data: { startsAt, endsAt, blockedUntil: endsAt } });
  }

  async function settle(driver: { channel: string; conversationId: string }): Promise<void> {
    await untilSettled(server.app, driver.channel, driver.conversationId);
  }

  /**
   * P1 writes on WhatsApp and SMS from the same number, is booked at Kortrijk and comes; P2 (WhatsApp)
   * is booked at Kortrijk outside the 24-hour window (a template), does not come, asks for a person
   * and waits a known time; P3 is a web chat visitor with a tax question; P4 asks for a person on
   * SMS without any digibank; P5 (WhatsApp) borrows a laptop in Gent and is then erased; P6
   * (WhatsApp) chooses a Gent helpdesk and a day, and does not book.
   */
  async function buildHistory(): Promise<void> {
    const { prisma } = server.app.db;
    const p1 = { wa: new WhatsAppDriver(server, '32470111222'), sms: new SmsDriver(server, '32470111222') };
    for (const text of ['Hallo', 'Nederlands']) await p1.wa.say(text);
    for (const text of ['Hallo', 'Nederlands']) await p1.sms.say(text);
    const kept = await bookFor(p1.wa);
    await startedAnHourAgo(kept);
    expect((await coordinator.post(`/console/api/bookings/${kept}/outcome`, { outcome: 'attended' })).status).toBe(200);
    expect((await coordinator.post(`/console/api/bookings/${kept}/outcome`, { outcome: 'no_show' })).status).toBe(409);

    const p2 = new WhatsAppDriver(server, '32470333444');
    for (const text of ['Hallo', 'Nederlands']) await p2.say(text);
    await prisma.conversation.update({ where: { id: (await conversationOf(p2)).id }, data: { lastInboundAt: new Date(Date.now() - 25 * 3_600_000) } });
    const missed = await bookFor(p2);
    await settle(p2);
    await startedAnHourAgo(missed);
    expect((await coordinator.post(`/console/api/bookings/${missed}/outcome`, { outcome: 'no_show' })).status).toBe(200);
    await p2.say('Mag ik iemand spreken?');
    const handoff = await prisma.handoff.findFirstOrThrow({ where: { conversationId: (await conversationOf(p2)).id, status: 'waiting' } });
    expect(handoff.digibankId).toBe(kortrijk);
    await prisma.handoff.update({ where: { id: handoff.id }, data: { requestedAt: new Date(Date.now() - 95_000) } });
    expect((await coordinator.post(`/console/api/conversations/${handoff.conversationId}/claim`)).status).toBe(200);
    const claimed = await prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expected.waitSeconds = Math.round(((claimed.claimedAt as Date).getTime() - claimed.requestedAt.getTime()) / 1000);

    const p3 = new WebChatDriver(server);
    await p3.open();
    await p3.say(TAX_QUESTION);

    const p4 = new SmsDriver(server, '32470555666');
    for (const text of ['Hallo', 'Nederlands', 'Mag ik iemand spreken?']) await p4.say(text);

    const p5 = new WhatsAppDriver(server, '32470777888');
    for (const text of ['Hallo', 'Nederlands']) await p5.say(text);
    const person5 = (await conversationOf(p5)).personId as string;
    const loans = server.app.assistant.loans.loans;
    const requested = await loans.request({ personId: person5, digibankId: gent, deviceKind: 'laptop', purpose: 'school', answers: {} });
    if (requested.kind !== 'created') throw new Error('the loan request was not created');
    await loans.approve(requested.loan.id, 'coordinator');
    if ((await loans.get(requested.loan.id))?.status === 'approved') await loans.reserve(requested.loan.id, 'coordinator');
    await loans.pickUp(requested.loan.id, 'coordinator');
    await server.app.assistant.runner.idle();

    const p6 = new WhatsAppDriver(server, '32470999000');
    for (const text of ['Hallo', 'Nederlands']) await p6.say(text);
    const places = await p6.say('Ik wil een afspraak maken in Gent');
    const days = await p6.tap(places.replies.flatMap((reply) => reply.choices)[0]);
    const times = await p6.tap(days.replies.flatMap((reply) => reply.choices)[0]);
    expect(times.replies.flatMap((reply) => reply.choices).length).toBeGreaterThan(1); // the times of that day: a place and a day chosen
    for (const driver of [p1.wa, p1.sms, p2, p4, p5, p6]) await settle(driver);

    const segments = async (to: string) => (await prisma.message.aggregate({ _sum: { smsSegments: true }, where: { channel: 'sms', direction: 'out', status: 'sent', conversation: { person: { channelUserId: to } } } }))._sum.smsSegments ?? 0;
    expected.smsSegments = { kortrijk: await segments(p1.sms.conversationId), unlinked: await segments(p4.conversationId) };
  }

  async function reach(client: ConsoleClient, query = ''): Promise<ReachReport> {
    const response = await client.get(`/console/api/reports/reach?from=${today}&to=${today}${query}`);
    expect(response.status).toBe(200);
    return response.body as unknown as ReachReport;
  }

  /** The messages of the person's turns: what they wrote (messages, not joins) and the replies of those turns. */
  async function turnMessages(channel: string): Promise<number> {
    const [row] = await server.app.db.prisma.$queryRawUnsafe<{ n: number }[]>(`
      SELECT count(*)::int AS n FROM message m
       WHERE m.channel = $1 AND (
         (m.direction = 'in' AND m.activity->>'type' = 'message')
         OR (m.direction = 'out' AND EXISTS (SELECT 1 FROM message i WHERE i.id = m.activity->>'replyToId' AND i.direction = 'in' AND i.activity->>'type' = 'message')))`, channel);
    return row.n;
  }

  test('the JSON counts each person once, per digibank, channel, language and topic, with appointments, loans, handoffs and costs', async () => {
    const report = await reach(admin);
    expect(report.from).toBe(today);
    expect(report.to).toBe(today);
    const { totals, unlinked } = report;
    expect(totals.uniquePeople).toBe(6);
    expect(totals.byChannel).toEqual({ whatsapp: 4, sms: 2, webchat: 1, other: 0 });
    expect(totals.conversations).toBe(7);
    expect(totals.messagesByChannel).toEqual({ whatsapp: await turnMessages('whatsapp'), sms: await turnMessages('sms'), webchat: await turnMessages('webchat'), other: 0 });
    expect(totals.messages).toBe(totals.messagesByChannel.whatsapp + totals.messagesByChannel.sms + totals.messagesByChannel.webchat);
    expect(totals.byLanguage).toEqual({ nl: 6 });
    expect(totals.topics).toEqual({ tax: 1 });
    expect(totals.appointments).toEqual({ made: 2, kept: 1, noShow: 1, cancelled: 0 });
    expect(totals.loans).toEqual({ requested: 1, started: 1, returned: 0, overdue: 0 });
    expect(totals.handoffs).toEqual({ count: 2, medianWaitSeconds: expected.waitSeconds, p90WaitSeconds: expected.waitSeconds, unanswered: 0 });
    expect(expected.waitSeconds).toBeGreaterThanOrEqual(95);
    expect(totals.smsSegments).toBe(expected.smsSegments.kortrijk + expected.smsSegments.unlinked);
    expect(totals.smsSegments).toBeGreaterThan(0);
    expect(totals.whatsappTemplates).toBe(1);
    expect(totals.costEur).toBe(Math.round((totals.smsSegments * PRICES.sms + PRICES.template) * 100) / 100);

    const k = report.digibanks.find((d) => d.digibankId === kortrijk) as DigibankReach;
    expect(k).toMatchObject({ name: 'Digibank Kortrijk (DEMO)', municipality: 'Kortrijk', province: 'West-Vlaanderen', uniquePeople: 2, conversations: 3 });
    expect(k.byChannel).toEqual({ whatsapp: 2, sms: 1, webchat: 0, other: 0 });
    expect(k.appointments).toEqual({ made: 2, kept: 1, noShow: 1, cancelled: 0 });
    expect(k.handoffs).toEqual({ count: 1, medianWaitSeconds: expected.waitSeconds, p90WaitSeconds: expected.waitSeconds, unanswered: 0 });
    expect(k.smsSegments).toBe(expected.smsSegments.kortrijk);
    expect(k.whatsappTemplates).toBe(1);
    const g = report.digibanks.find((d) => d.digibankId === gent) as DigibankReach;
    // P5 by their loan, P6 by the place they chose.
    expect(g).toMatchObject({ uniquePeople: 2, conversations: 2, loans: { requested: 1, started: 1, returned: 0, overdue: 0 }, byChannel: { whatsapp: 2, sms: 0, webchat: 0, other: 0 }, appointments: { made: 0 } });
    expect(report.digibanks.filter((d) => d.uniquePeople > 0).map((d) => d.digibankId).sort()).toEqual([kortrijk, gent].sort());

    expect(unlinked).toMatchObject({ uniquePeople: 2, conversations: 2, byChannel: { whatsapp: 0, sms: 1, webchat: 1, other: 0 }, topics: { tax: 1 } });
    expect(unlinked.handoffs).toEqual({ count: 1, medianWaitSeconds: null, p90WaitSeconds: null, unanswered: 0 });
    expect(unlinked.smsSegments).toBe(expected.smsSegments.unlinked);
    expect(report.provinces.find((p) => p.province === 'West-Vlaanderen')).toMatchObject({ uniquePeople: 2 });
    expect(report.municipalities.find((m) => m.municipality === 'Gent')).toMatchObject({ province: 'Oost-Vlaanderen', uniquePeople: 2 });
    expect(report.weeks).toEqual([{ week: BrusselsTime.addDays(today, 1 - BrusselsTime.weekday(today)), uniquePeople: 6 }]);
  });

  test('a coordinator sees their own digibank only; volunteers, other digibanks and bad periods are refused', async () => {
    const own = await reach(coordinator);
    expect(own.digibanks.map((d) => d.digibankId)).toEqual([kortrijk]);
    expect(own.totals.uniquePeople).toBe(2);
    expect(own.unlinked.uniquePeople).toBe(0);
    expect((await coordinator.get(`/console/api/reports/reach?from=${today}&to=${today}&digibankId=${gent}`)).status).toBe(403);
    expect((await admin.get(`/console/api/reports/reach?from=${today}&to=${today}&digibankId=${gent}`)).body).toMatchObject({ totals: { uniquePeople: 2 } });
    for (const query of ['from=2026-02-30&to=2026-03-01', `from=${today}&to=2020-01-01`, 'from=2026-01-01', `from=${today}&to=${today}&format=pdf`]) {
      const answer = await admin.get(`/console/api/reports/reach?${query}`);
      expect(answer.status).toBe(400);
    }
    expect((await new ConsoleClient(server.app.url).get(`/console/api/reports/reach?from=${today}&to=${today}`)).status).toBe(401);
    const volunteer = new ConsoleClient(server.app.url);
    expect(await volunteer.login(VOLUNTEER.username, VOLUNTEER.password)).toBe(200);
    expect((await volunteer.get(`/console/api/reports/reach?from=${today}&to=${today}`)).status).toBe(403);
  });

  test('the CSV and every sheet of the XLSX carry the same figures as the JSON, with English headers for an English user', async () => {
    const report = await reach(coordinator);
    const csv = await fetch(`${server.app.url}/console/api/reports/reach?from=${today}&to=${today}&format=csv`, { headers: { cookie: coordinator.cookie } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const csvRows = parseCsv(await csv.text());
    const xlsx = await fetch(`${server.app.url}/console/api/reports/reach?from=${today}&to=${today}&format=xlsx`, { headers: { cookie: coordinator.cookie } });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(TEXTS.sheets));
    const scopes: [string, ReachFigures][] = [[TEXTS.rows.total, report.totals], ['Digibank Kortrijk (DEMO)', report.digibanks[0]], [TEXTS.rows.unlinked, report.unlinked]];
    const sheets = ['summary', 'channels', 'appointments', 'loans'].map((name) => sheetRows(workbook, TEXTS.sheets[name]));
    let compared = 0;
    for (const [scope, figures] of scopes) {
      const csvRow = csvRows.find((row) => row[TEXTS.columns.scope] === scope) as Record<string, string>;
      for (const [key, value] of leaves(figures)) {
        if (key.startsWith('byLanguage.') || key.startsWith('messagesByLanguage.') || key.startsWith('topics.')) continue;
        expect([key, csvRow[header(key)]]).toEqual([key, value === null ? '' : String(value)]);
        compared++;
        for (const rows of sheets) {
          const row = rows.find((r) => r[TEXTS.columns.scope] === scope) as Record<string, unknown>;
          if (header(key) in row) expect([key, row[header(key)] ?? null]).toEqual([key, value]);
        }
      }
      for (const [language, people] of Object.entries(figures.byLanguage)) expect(csvRow[header(`byLanguage.${language}`)]).toBe(String(people));
      for (const [topic, conversations] of Object.entries(figures.topics)) expect(csvRow[header(`topics.${topic}`)]).toBe(String(conversations));
    }
    expect(compared).toBeGreaterThan(60);
    // Each figure of the summary sheet is in one of the sheets, as a number.
    const summary = sheets[0].find((r) => r[TEXTS.columns.scope] === 'Digibank Kortrijk (DEMO)') as Record<string, unknown>;
    expect(summary[TEXTS.columns.uniquePeople]).toBe(2);
    expect(summary[TEXTS.columns.municipality]).toBe('Kortrijk');
  });

  // `npm run report` opens the database itself: a second process, which the embedded database does not allow.
  (kind === 'postgres' ? test : test.skip)('npm run report writes the same figures to a workbook (a second process on the same database)', async () => {
    const report = await reach(admin);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'reach-')), 'reach.xlsx');
    const url = db?.target.kind === 'postgres' ? db.target.url : '';
    const tsx = path.join(__dirname, '../../../../node_modules/.bin/tsx');
    await promisify(execFile)(tsx, ['scripts/report.ts', '--from', today, '--to', today, '--format', 'xlsx', '--out', out, '--lang', 'en'], {
      cwd: path.join(__dirname, '../../../..'), env: { ...process.env, DATABASE_URL: url, SMS_SEGMENT_PRICE_EUR: String(PRICES.sms), WHATSAPP_TEMPLATE_PRICE_EUR: String(PRICES.template), LOG_LEVEL: 'silent' },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const rows = sheetRows(workbook, TEXTS.sheets.summary);
    for (const [scope, figures] of [[TEXTS.rows.total, report.totals], [TEXTS.rows.unlinked, report.unlinked], ...report.digibanks.map((d) => [d.name, d] as const)] as [string, ReachFigures][]) {
      const row = rows.find((r) => r[TEXTS.columns.scope] === scope) as Record<string, unknown>;
      for (const [key, value] of leaves(figures)) if (header(key) in row) expect([scope, key, row[header(key)] ?? null]).toEqual([scope, key, value]);
    }
  }, 60_000);

  test('erasing a person and purging old messages and state changes no figure of the period', async () => {
    const before = await reach(admin);
    const { prisma } = server.app.db;
    const erased = await prisma.person.findUniqueOrThrow({ where: { channel_channelUserId: { channel: 'whatsapp', channelUserId: '32470777888' } } });
    await prisma.deviceDonation.deleteMany({ where: { personId: erased.id } });
    await prisma.$executeRawUnsafe(`DELETE FROM loan_request WHERE "personId" = $1`, erased.id);
    await prisma.person.delete({ where: { id: erased.id } });
    await prisma.$executeRawUnsafe(`DELETE FROM message`);
    await prisma.$executeRawUnsafe(`DELETE FROM bot_state`);
    const after = await reach(admin);
    expect(after).toEqual(before);
  });
});
