import path from 'node:path';
import { buildSync } from 'esbuild';

/** The console's front-end sources: Preact + htm, one module per screen (front/screens/). */
export const FRONT_DIR = path.join(__dirname, 'front');

let bundled: Buffer | undefined;

/**
 * The console's script: `front/main.js` and its modules bundled by esbuild with Preact and htm from
 * node_modules into one minified file (no CDN, no eval, no inline script: the console's CSP holds).
 * Built once per process, at the first mount (about 0.1 s), so `npm start` and the tests serve
 * the sources as they are.
 */
export function consoleBundle(): Buffer {
  if (!bundled) {
    const result = buildSync({
      entryPoints: [path.join(FRONT_DIR, 'main.js')],
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    bundled = Buffer.from(result.outputFiles[0].contents);
  }
  return bundled;
}
