// Preloaded (`node --require`) into the server by `npm run bench:footprint`: on SIGUSR2 it writes the
// process's own view of its memory to FOOTPRINT_PROBE_DIR/<pid>.json (V8 heap, external and array
// buffers, WebAssembly memories counted as array buffers, heap spaces). Plain JavaScript so that it
// loads the same way under tsx and under compiled JavaScript.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

const dir = process.env.FOOTPRINT_PROBE_DIR;
if (dir) {
  process.on('SIGUSR2', () => {
    if (typeof global.gc === 'function') global.gc();
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
    const report = { pid: process.pid, argv: process.argv.slice(1), memory: process.memoryUsage(), heap: v8.getHeapStatistics(), spaces };
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(report));
  });
}
