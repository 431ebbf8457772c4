import { cycles, folderOf, importEdges } from './importGraph';

/**
 * The house's floors: a folder may import only folders on a lower floor (and its own files).
 * `app → adapters → turns/outbox → dialogs → services → db`; the kernels (floor 0: logging,
 * i18n with date/time, triage) may be imported from anywhere and import only each other.
 * The seed (`prisma/seed`) loads demo data through the services; the Prisma client (`generated`)
 * is the database's own.
 */
const FLOORS: Readonly<Record<string, number>> = {
  app: 8,
  adapters: 7,
  turns: 6,
  outbox: 6,
  dialogs: 5,
  prisma: 4,
  services: 3,
  db: 2,
  generated: 1,
  kernel: 0,
  i18n: 0,
  triage: 0,
};

/** Whether a file of folder `from` may import one of folder `to`. */
function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  if (FLOORS[to] === 0) return true;
  if (FLOORS[from] === 0) return false;
  return FLOORS[from] > FLOORS[to];
}

/** File circles still to undo (each listed one must still exist: the list only shrinks). */
const KNOWN_FILE_CYCLES: readonly string[][] = [];

describe('the house rules', () => {
  const edges = importEdges();

  test('the source folders are read (the rules are not checked on nothing)', () => {
    const folders = new Set(edges.map(({ from }) => folderOf(from)));
    for (const folder of Object.keys(FLOORS).filter((name) => name !== 'generated')) expect(folders).toContain(folder);
  });

  test('every folder is on a floor', () => {
    const unknown = [...new Set(edges.flatMap(({ from, to }) => [folderOf(from), folderOf(to)]))].filter((folder) => !(folder in FLOORS));
    expect(unknown).toEqual([]);
  });

  test('imports run one way: down the floors, kernels from anywhere', () => {
    const upward = edges.filter(({ from, to }) => !allowed(folderOf(from), folderOf(to))).map(({ from, to }) => `${from} -> ${to}`);
    expect(upward).toEqual([]);
  });

  test('no circles between folders', () => {
    expect(cycles(edges.map(({ from, to }): [string, string] => [folderOf(from), folderOf(to)]).filter(([a, b]) => a !== b))).toEqual([]);
  });

  test('no circles between files beyond the known ones, and each known one still exists', () => {
    const found = cycles(edges.map(({ from, to }): [string, string] => [from, to])).map((cycle) => cycle.join(' '));
    expect(found.sort()).toEqual(KNOWN_FILE_CYCLES.map((cycle) => [...cycle].sort().join(' ')).sort());
  });

  test.each([
    ['app', 'adapters', true],
    ['adapters', 'app', false],
    ['dialogs', 'turns', false],
    ['services', 'dialogs', false],
    ['services', 'i18n', true],
    ['kernel', 'services', false],
    ['i18n', 'kernel', true],
  ])('%s may import %s: %s', (from, to, expected) => {
    expect(allowed(from, to)).toBe(expected);
  });
});
