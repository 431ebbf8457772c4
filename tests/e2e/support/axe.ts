import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

/** axe-core's browser build, injected through the DevTools protocol (the console's CSP allows no inline script). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility rule a page breaks, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * The WCAG 2.1 A and AA violations axe-core finds in the page (or one frame of it) as it is now
 * (visible parts only). axe-core is put into the frames inside too, so that an embedded page (an
 * iframe of another origin) is checked with its host page.
 */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  const [top, ...inside] = 'mainFrame' in target ? [target.mainFrame(), ...target.mainFrame().childFrames()] : [target, ...target.childFrames()];
  await top.evaluate(AXE_SOURCE);
  for (const frame of inside) await frame.evaluate(AXE_SOURCE).catch(() => undefined); // a frame refused by its CSP holds the browser's error page
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
