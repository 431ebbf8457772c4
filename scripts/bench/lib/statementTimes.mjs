// Preloaded into a server process (`node --import`) to find which SQL statements take the
// embedded database's time: the synchronous time PGlite spends on each statement's protocol
// messages, summed by statement text, written every 5 s (and at exit) to the file named by
// BENCH_STATEMENT_TIMES, the slowest first. Used by `npm run bench:channels` when that variable is
// set; any server can take it: `BENCH_STATEMENT_TIMES=/tmp/t.txt tsx --import ./scripts/bench/lib/statementTimes.mjs app/index.ts`.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as esm from '@electric-sql/pglite';

const target = process.env.BENCH_STATEMENT_TIMES;
const times = new Map();
const decoder = new TextDecoder();
let current = '?';

/** PGlite runs each protocol message synchronously inside `execProtocolStream`: time that call. */
function instrument(PGlite) {
  const proto = PGlite.prototype;
  if (proto.statementTimed) return;
  proto.statementTimed = true;
  const original = proto.execProtocolStream;
  proto.execProtocolStream = function (message, options) {
    const started = performance.now();
    const kind = message[0];
    if (kind === 0x50 /* Parse */) {
      const nameEnd = message.indexOf(0, 5);
      current = decoder.decode(message.subarray(nameEnd + 1, message.indexOf(0, nameEnd + 1)));
    } else if (kind === 0x51 /* Query */) current = decoder.decode(message.subarray(5, message.length - 1));
    const result = original.call(this, message, options);
    const entry = times.get(current) ?? { ms: 0, count: 0 };
    entry.ms += performance.now() - started;
    if (kind === 0x50 || kind === 0x51) entry.count++;
    times.set(current, entry);
    return result;
  };
}

function write() {
  const rows = [...times]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 40)
    .map(([sql, { ms, count }]) => `${ms.toFixed(0).padStart(8)} ms ${String(count).padStart(7)}× ${(ms / Math.max(count, 1)).toFixed(2).padStart(7)} ms  ${sql.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
  writeFileSync(target, `${rows.join('\n')}\n`);
}

if (target) {
  instrument(esm.PGlite);
  instrument(createRequire(import.meta.url)('@electric-sql/pglite').PGlite);
  setInterval(write, 5000).unref();
  process.on('exit', write);
}
