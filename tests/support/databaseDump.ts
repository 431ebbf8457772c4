import type { PrismaClient } from '../../generated/prisma/client';

/**
 * Every row of every table of the database's `public` schema as text (`row::text`), one line per
 * row, prefixed with its table: what an erasure test searches for a person's data.
 */
export async function dumpDatabase(prisma: PrismaClient): Promise<string> {
  const tables = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const lines: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${table.replace(/"/g, '""')}" t`);
    for (const { row } of rows) lines.push(`${table}: ${row}`);
  }
  return lines.join('\n');
}

/**
 * The needles found in the dump, each with the first line holding it. Digits are also compared
 * with the separators between them removed (0470 12 34 56, 0470/12.34.56 → 0470123456).
 */
export function findIn(dump: string, needles: readonly string[]): { needle: string; line: string }[] {
  const compact = dump.replace(/(\d)[ ./-](?=\d)/g, '$1');
  return needles.flatMap((needle) => {
    const lower = needle.toLowerCase();
    for (const text of [dump, compact]) {
      const line = text.split('\n').find((l) => l.toLowerCase().includes(lower));
      if (line) return [{ needle, line: line.slice(0, 300) }];
    }
    return [];
  });
}
