#!/usr/bin/env node
// `npm start`'s prestart: compiles the server's TypeScript into build/ with esbuild, one .js file per
// .ts file (no bundling), and copies the files the code reads beside itself (locales/, migrations,
// triage data, the web pages). Why: plain JavaScript starts faster and holds less memory than the
// TypeScript loader (tsx), which keeps a second Node.js process and its transpile cache alive
// (README, "Footprint"). Each file keeps its place in the tree, so paths made from `__dirname`
// (`../locales`, `../prisma/migrations`, `data/`, `public/`) resolve inside build/ as in the sources.
// Tests and the other scripts still run the TypeScript (ts-jest, tsx); typechecking stays `npm test`'s.
const { cpSync, existsSync, mkdirSync, readdirSync, rmSync } = require('node:fs');
const path = require('node:path');
const { buildSync } = require('esbuild');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'build');
/** The folders the server is made of (scripts/ and tests/ are not part of it). */
const SOURCES = ['app', 'adapters', 'turns', 'outbox', 'dialogs', 'services', 'db', 'i18n', 'triage', 'kernel', 'prisma', 'generated'];
/** Read at run time from the project root, relative to the code's folder. */
const ROOT_ASSETS = ['locales'];

/** Every file under `dir` (relative to ROOT), depth first. */
function filesUnder(dir) {
  const full = path.join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(relative) : [relative];
  });
}

function main() {
  const started = Date.now();
  const files = SOURCES.flatMap(filesUnder);
  const code = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  const assets = files.filter((file) => !file.endsWith('.ts'));
  // build/node_modules holds the compiled server's triage model cache: kept across builds.
  for (const entry of existsSync(OUT) ? readdirSync(OUT) : []) if (entry !== 'node_modules') rmSync(path.join(OUT, entry), { recursive: true, force: true });
  buildSync({
    entryPoints: code.map((file) => path.join(ROOT, file)),
    outdir: OUT,
    outbase: ROOT,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'warning',
  });
  for (const file of assets) {
    mkdirSync(path.dirname(path.join(OUT, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(OUT, file));
  }
  for (const dir of ROOT_ASSETS) cpSync(path.join(ROOT, dir), path.join(OUT, dir), { recursive: true });
  if (process.env.BUILD_VERBOSE) process.stdout.write(`build/: ${code.length} files compiled, ${assets.length} copied in ${Date.now() - started} ms\n`);
}

main();
