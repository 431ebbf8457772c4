// `npm run chat`: the same conversation as on web chat, WhatsApp and SMS, in this terminal.
// Uses DATABASE_URL when set, else an embedded database in DATA_DIR/terminal (so the assistant
// remembers your language between runs, and a running `npm start` is not disturbed).
import { userInfo } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { TerminalChannel } from '../adapters/terminal/terminalChannel';
import { createAssistant } from '../app/assistant';
import { Triage } from '../triage/triage';
import { ConfigError, loadConfig } from '../app/config';
import { openDatabase } from '../db/database';
import { TranscriptService } from '../services/transcriptService';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'embedded', dataDir: path.join(config.DATA_DIR, 'terminal') });
  const assistant = createAssistant(db, { maxMessageLength: config.MAX_MESSAGE_LENGTH, triage: await Triage.load() });
  const userId = createHash('sha256').update(userInfo().username).digest('hex').slice(0, 16);
  const channel = new TerminalChannel({ runner: assistant.runner, transcripts: new TranscriptService(db.prisma, db.sql), input: process.stdin, output: process.stdout, userId });
  await channel.start();
  process.stdout.write('\n');
  await assistant.runner.stop();
  await db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Chat failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`}\n`);
  process.exit(1);
});
