/**
 * Run by `tests/integration/db/sqlClient.test.ts` in a child process whose clock is in
 * Brussels (TZ is read once at start, so a test cannot switch its own): writes an instant to a
 * `timestamp` column with the plain SQL client and prints how Prisma and the client read it back.
 * The target comes from PROBE_DATABASE_URL (PostgreSQL) or is an in-memory PGlite.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../db/database';

async function main(): Promise<void> {
  const url = process.env.PROBE_DATABASE_URL;
  const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'embedded', dataDir: 'memory://' });
  try {
    const at = new Date(process.env.PROBE_INSTANT as string);
    const person = await db.prisma.person.create({ data: { channel: 'probe', channelUserId: randomUUID() } });
    const { id } = await db.prisma.conversation.create({ data: { id: randomUUID(), channel: 'probe', channelConversationId: randomUUID(), personId: person.id } });
    await db.sql.execute(`UPDATE conversation SET "lastInboundAt" = $1::timestamptz AT TIME ZONE 'UTC' WHERE id = $2`, [at, id]);
    const prisma = (await db.prisma.conversation.findUniqueOrThrow({ where: { id } })).lastInboundAt;
    const [row] = await db.sql.query<{ lastInboundAt: Date }>(`SELECT "lastInboundAt" FROM conversation WHERE id = $1`, [id]);
    process.stdout.write(JSON.stringify({ offsetMinutes: at.getTimezoneOffset(), prisma, sql: row.lastInboundAt }));
  } finally {
    await db.close();
  }
}

void main();
