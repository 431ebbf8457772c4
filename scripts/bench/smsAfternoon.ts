/**
 * `tsx scripts/bench/smsAfternoon.ts`: what an ordinary afternoon costs one person on SMS — a
 * booking, three digital questions, a laptop loan request and a status check — in nl, fr and en,
 * through the real server (embedded database in memory, demo data) and the SMS channel with a
 * fake Twilio API on loopback. Prints per language the messages the person sent, the SMS the
 * assistant sent (what the daily limit counts), their segments (what is billed), how many were
 * UCS-2, and whether the booking and the loan request were made. `SMS_VERBOSE=1` prints every SMS.
 * The figures justify `SMS_DAILY_CAP` (README, Configuration). First it prints what every text of
 * the locales (`LOCALES_DIR=<dir>` for another copy) costs rendered as an SMS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, App } from '../../app/app';
import { loadConfig } from '../../app/config';
import { smsSegments } from '../../adapters/sms/gsm7';
import { renderSms } from '../../adapters/sms/twilioSender';
import { LANGUAGES, LOCALES_DIR } from '../../i18n/translator';
import { twilioSignature } from '../../adapters/sms/twilioSignature';
import { eventually, FakeProviders } from '../../tests/support/fakeProviders';

const TOKEN = 'afternoon-twilio-token';
const SID = `AC${'c'.repeat(32)}`;
const BASE = 'https://digibank.example.org';

/**
 * One person's afternoon in a language: the words they type (numbers are taps on the numbered
 * lines). A greeting in a language settles it; simplified Dutch is chosen from the language menu.
 */
const AFTERNOONS: { language: string; greeting: string; choice?: string; questions: string[]; loan: string; status: string }[] = [
  { language: 'nl', greeting: 'hallo', questions: ['mijn itsme werkt niet', 'hoe doe ik mijn belastingaangifte', 'ik ben mijn wachtwoord vergeten'], loan: 'ik heb geen laptop', status: 'waar blijft mijn laptop' },
  { language: 'fr', greeting: 'bonjour', questions: ['itsme ne marche pas', 'comment faire ma déclaration d\'impôts', 'j\'ai oublié mon mot de passe'], loan: 'je n\'ai pas d\'ordinateur', status: 'où en est ma demande de laptop' },
  { language: 'nl-simple', greeting: '👋', choice: 'Eenvoudig Nederlands', questions: ['itsme werkt niet', 'belastingen invullen', 'wachtwoord vergeten'], loan: 'ik heb geen laptop', status: 'waar blijft mijn laptop' },
  { language: 'en', greeting: 'hello', questions: ['my itsme does not work', 'how do I file my tax return', 'I forgot my password'], loan: 'I have no laptop', status: 'where is my laptop' },
];

let counter = 0;

async function post(app: App, from: string, text: string): Promise<void> {
  const sid = `SM${String(++counter).padStart(32, '0')}`;
  const fields = { ToCountry: 'BE', SmsMessageSid: sid, NumMedia: '0', MessageSid: sid, AccountSid: SID, From: from, To: '+32460000000', Body: text, NumSegments: '1', ApiVersion: '2010-04-01' };
  const response = await fetch(`${app.url}/api/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, `${BASE}/api/sms`, Object.entries(fields)) },
    body: new URLSearchParams(fields).toString(),
  });
  await response.text();
  if (response.status !== 200) throw new Error(`SMS webhook answered ${response.status}`);
}

async function settled(app: App): Promise<boolean> {
  await app.assistant.runner.idle();
  const pending = await app.db.prisma.message.count({ where: { channel: 'sms', direction: 'out', status: { in: ['queued', 'sending'] } } });
  const unprocessed = await app.db.prisma.message.count({ where: { channel: 'sms', direction: 'in', status: 'received' } });
  return pending === 0 && unprocessed === 0;
}

/** Says one message and waits until every reply went out. */
async function say(app: App, from: string, text: string, sent: string[]): Promise<void> {
  sent.push(text);
  await post(app, from, text);
  await eventually(() => settled(app), 30_000);
}

async function personId(app: App, from: string): Promise<string | undefined> {
  return (await app.db.prisma.person.findFirst({ where: { channel: 'sms', channelUserId: from } }))?.id;
}

/** Taps "1" until `done` (a booking, a loan request) or `max` taps. */
async function tapUntil(app: App, from: string, sent: string[], done: () => Promise<boolean>, max: number): Promise<void> {
  for (let i = 0; i < max && !(await done()); i++) await say(app, from, '1', sent);
}

async function afternoon(app: App, fake: FakeProviders, plan: (typeof AFTERNOONS)[number], from: string): Promise<Record<string, unknown>> {
  const sent: string[] = [];
  await say(app, from, plan.greeting, sent);
  if (plan.choice) await say(app, from, plan.choice, sent);
  const id = async () => (await personId(app, from)) ?? '';
  const booked = async () => (await app.db.prisma.booking.count({ where: { personId: await id() } })) > 0;
  const loaned = async () => (await app.db.prisma.loanRequest.count({ where: { personId: await id() } })) > 0;
  await say(app, from, '2', sent); // the menu's appointment
  await say(app, from, '8500', sent);
  await tapUntil(app, from, sent, booked, 6);
  for (const question of plan.questions) await say(app, from, question, sent);
  await say(app, from, plan.loan, sent);
  await say(app, from, '1', sent); // a laptop
  await say(app, from, '1', sent); // for school
  await say(app, from, '8500', sent);
  await tapUntil(app, from, sent, loaned, 8);
  await say(app, from, plan.status, sent);
  const bodies = fake.accepted(from).map((call) => String(call.body.Body));
  if (process.env.SMS_VERBOSE) for (const body of bodies) console.log(`[${plan.language}] ${smsSegments(body).segments} ${smsSegments(body).encoding} | ${body.replace(/\n/g, ' / ')}`);
  const infos = bodies.map(smsSegments);
  return {
    language: plan.language,
    'messages in': sent.length,
    'SMS out': bodies.length,
    segments: infos.reduce((sum, info) => sum + info.segments, 0),
    'UCS-2 SMS': infos.filter((info) => info.encoding === 'UCS-2').length,
    'max segments': Math.max(0, ...infos.map((info) => info.segments)),
    booked: (await booked()) ? 'yes' : 'NO',
    'loan asked': (await loaned()) ? 'yes' : 'NO',
  };
}

/** The user-facing texts of a language (not word lists, not the console or the web page). */
function localeTexts(dir: string, language: string): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) Object.values(value).forEach(walk);
  };
  for (const file of readdirSync(join(dir, language)).filter((name) => name.endsWith('.json') && !['console.json', 'webchat.json'].includes(name))) {
    walk(JSON.parse(readFileSync(join(dir, language, file), 'utf8')));
  }
  return out;
}

/** Segments of every locale text sent alone as an SMS, per language. */
function printLocaleCosts(): void {
  const dir = process.env.LOCALES_DIR ?? LOCALES_DIR;
  const rows = LANGUAGES.map((language) => {
    const costs = localeTexts(dir, language).map((text) => renderSms({ activity: { text } }).map(smsSegments));
    const segments = costs.map((parts) => parts.reduce((sum, info) => sum + info.segments, 0));
    return {
      language,
      texts: costs.length,
      segments: segments.reduce((sum, n) => sum + n, 0),
      'UCS-2': costs.filter((parts) => parts.some((info) => info.encoding === 'UCS-2')).length,
      'more than 1 segment': segments.filter((n) => n > 1).length,
    };
  });
  console.log(`SMS: every text of ${dir} sent alone`);
  console.table(rows);
}

async function main(): Promise<void> {
  printLocaleCosts();
  const fake = await new FakeProviders().start();
  const app = await startApp(loadConfig({
    PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', PUBLIC_BASE_URL: BASE,
    TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: '+32460000000', TWILIO_API_URL: fake.twilioUrl,
    SMS_RATE_LIMIT_PER_MINUTE: '1000', SMS_DAILY_CAP: '1000', OUTBOX_POLL_MS: '20',
  }));
  try {
    const rows = [];
    for (const [i, plan] of AFTERNOONS.entries()) rows.push(await afternoon(app, fake, plan, `+3247030000${i}`));
    console.log('SMS: an afternoon (booking, three questions, a loan request, a status check) for one person');
    console.table(rows);
  } finally {
    await app.close();
    await fake.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
