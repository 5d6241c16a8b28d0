// Accessibility violations found by axe-core, run in the page itself. axe's source (1.5 MB) goes into a
// document once and stays for every later check of it: @axe-core/playwright's AxeBuilder evaluated it
// twice per check, which cost more of the renderer's CPU (1-2.5 s a check on two busy cores) than
// most of the checks themselves. The app has no frames, so the page's own document is all there is.
import type { Page } from '@playwright/test';
import axe from 'axe-core';

export interface AxeScope {
  /** Only these parts of the page (CSS selectors); the whole document when absent. */
  include?: string[];
  /** Only these rules (axe's ids): the rest cannot fail where the caller looks, e.g. colours only. */
  rules?: string[];
}

/** Serious or critical violations on the page as it is now, one line each for a failure message. */
export async function seriousViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async ({ include, rules }) => {
    const inPage = (window as unknown as { axe: typeof axe }).axe;
    const result = await inPage.run(include ? { include } : document, {
      resultTypes: ['violations'],
      ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}),
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) =>
        v.nodes.map(
          (n) =>
            `${v.id} (${v.impact}) at ${n.target.join(' ')} ${n.html.slice(0, 160)}: ${v.help} — ` +
            `${n.failureSummary ?? ''}`,
        ),
      );
  }, scope);
}
