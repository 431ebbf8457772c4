/**
 * Summarises V8 `.cpuprofile` files (from `npm run bench:turns -- --profile`): self time by
 * package / source area and the hottest functions, plus inclusive time of the project's own
 * functions. Usage: `tsx scripts/bench/lib/profileSummary.ts <file.cpuprofile|dir> [top=25]`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** `node_modules/@prisma/client` → `@prisma/client`; project files → their top folder. */
function areaOf(url: string): string {
  if (!url) return '(native/V8)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (clean.startsWith('node:') || !clean.startsWith('/')) return `node:${clean.replace(/^node:/, '').split('/')[0]}`;
  const rel = path.relative(path.join(__dirname, '..', '..', '..'), clean);
  return rel.startsWith('..') ? clean : `project:${rel.split(path.sep)[0]}`;
}

function summarise(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusiveProject = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id) as ProfileNode;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    byArea.set(areaOf(url), (byArea.get(areaOf(url)) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url ? `${areaOf(url)}:${path.basename(url)}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    // Inclusive time of project functions (each counted once per sample stack).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = (byId.get(cur) as ProfileNode).callFrame;
      const area = areaOf(frame.url);
      if (!area.startsWith('project:')) continue;
      const name = `${frame.functionName || '(anonymous)'} ${path.relative(path.join(__dirname, '..', '..', '..'), frame.url.replace(/^file:\/\//, ''))}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusiveProject.set(name, (inclusiveProject.get(name) ?? 0) + us);
    }
  }
  const idle = [...selfUs].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
  const list = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => `  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  return [
    `${file}: ${(total / 1e6).toFixed(1)} s sampled, idle ${pct(idle)}`,
    'self time by area:',
    ...list(byArea, 15),
    `hottest functions (self):`,
    ...list(byFunction, top),
    'project functions (inclusive):',
    ...list(inclusiveProject, top),
  ].join('\n');
}

const target = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!target) {
  process.stderr.write('usage: tsx scripts/bench/lib/profileSummary.ts <file.cpuprofile|dir> [top]\n');
  process.exit(2);
}
const files = statSync(target).isDirectory()
  ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f))
  : [target];
for (const file of files) process.stdout.write(`${summarise(file, top)}\n\n`);
