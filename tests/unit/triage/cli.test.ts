import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { INTENTS, LANGUAGES, TOPICS } from '../../../triage/labels';

const root = join(__dirname, '../../..');

describe('npm run -s triage (scripts/triage.ts)', () => {
  test('one JSON object per non-empty input line, nothing else on stdout', () => {
    const input = ['kgeraak nie in mijn itsme', '', 'jai recu un sms de ma banque bizar', '   ', 'laptop for my son school pls\r', 'STOP'].join('\n');
    const run = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/triage.ts')], {
      input,
      cwd: root,
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(4);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const o of objects) {
      expect(Object.keys(o)).toEqual(['text', 'language', 'intent', 'topic', 'confidence']);
      expect(LANGUAGES).toContain(o.language);
      expect(INTENTS).toContain(o.intent);
      if (o.topic !== null) expect(TOPICS).toContain(o.topic);
      expect(typeof o.confidence).toBe('number');
    }
    expect(objects.map((o) => o.text)).toEqual([
      'kgeraak nie in mijn itsme',
      'jai recu un sms de ma banque bizar',
      'laptop for my son school pls',
      'STOP',
    ]);
    expect(objects.map((o) => [o.language, o.intent, o.topic])).toEqual([
      ['nl', 'ask_help', 'eid_itsme'],
      ['fr', 'ask_help', 'scam_security'],
      ['en', 'loan_device', 'work_school'],
      [expect.any(String), 'opt_out', null],
    ]);
  });
});
