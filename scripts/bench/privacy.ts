/**
 * What privacy costs (`npm run bench:privacy`): masking at rest per inbound message (on the inbox's
 * hot path), and one erasure of a person with many messages on the embedded database (and on
 * PostgreSQL when DATABASE_URL is set).
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/database';
import { maskAtRest } from '../../services/privacy/masking';
import { PersonEraser } from '../../services/privacy/personEraser';

const MESSAGES = [
  'Goeiendag, ik wil een afspraak maken in Kortrijk',
  'mijn itsme werkt niet meer sinds gisteren, kan iemand helpen?',
  'mijn rijksregisternummer is 85.07.30-033.28',
  'mon IBAN est BE68 5390 0754 7034, merci',
  '2',
  'woensdag 9 december om 14:30 graag',
];

function maskingCost(rounds = 50_000): number {
  let sink = 0;
  for (let i = 0; i < 5_000; i++) sink += (maskAtRest(MESSAGES[i % MESSAGES.length]) ?? '').length;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) sink += (maskAtRest(MESSAGES[i % MESSAGES.length]) ?? '').length;
  const perMessageUs = ((performance.now() - started) * 1000) / rounds;
  return sink > 0 ? perMessageUs : NaN;
}

type Db = Awaited<ReturnType<typeof openDatabase>>;

/** Erases a person with `messages` messages; returns the milliseconds the erasure took. */
async function erasureCost(db: Db, messages: number): Promise<number> {
  const number = `3247${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const person = await db.prisma.person.create({ data: { channel: 'whatsapp', channelUserId: number } });
  const conversation = await db.prisma.conversation.create({ data: { channel: 'whatsapp', channelConversationId: number, personId: person.id } });
  await db.prisma.message.createMany({
    data: Array.from({ length: messages }, (_, i) => ({ conversationId: conversation.id, channel: 'whatsapp', direction: i % 2 ? 'out' : 'in', text: MESSAGES[i % MESSAGES.length], activity: { text: MESSAGES[i % MESSAGES.length], from: { id: number } }, status: 'processed' })),
  });
  const started = performance.now();
  await new PersonEraser(db.prisma).erase(person.id, new Date());
  return performance.now() - started;
}

async function main(): Promise<void> {
  console.log(`maskAtRest: ${maskingCost().toFixed(2)} µs per message`);
  const db = await openDatabase(process.env.DATABASE_URL ? { kind: 'postgres', url: process.env.DATABASE_URL } : { kind: 'embedded', dataDir: 'memory://' });
  try {
    await erasureCost(db, 10); // warm-up: the first transaction and statements
    for (const messages of [20, 200, 2_000]) {
      const runs = [await erasureCost(db, messages), await erasureCost(db, messages), await erasureCost(db, messages)].sort((a, b) => a - b);
      console.log(`erasure of a person with ${messages} messages (${db.kind}): median ${runs[1].toFixed(0)} ms of 3`);
    }
  } finally {
    await db.close();
  }
}

void main();
