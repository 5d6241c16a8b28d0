// Accessibility violations found by axe-core, run in the page itself. axe's source (1.5 MB) goes into a
// document once and stays for every later check of it: @axe-core/playwright's AxeBuilder evaluated it
// twice per check, which cost more of the renderer's CPU (1-2.5 s a check on two busy cores) than
// most of the checks themselves. The app has no frames, so the page's own document is all there is.
import type { Page } from '@playwright/test';
import axe from 'axe-core';

interface AxeRule {
  id: string;
  impact?: string;
  enabled?: boolean;
  tags: string[];
}

/**
 * The rules a check runs when it names none: those axe runs by default (not turned off, not tagged
 * experimental or deprecated) that can report a serious or critical violation. axe gives a result its
 * rule's impact (`_finalizeRuleResult`), so a minor or moderate rule cannot fail these checks; a rule
 * without an impact of its own is kept. A quarter of the default rules, and of a page's checking, go.
 */
const { rules: allRules, tagExclude } = (axe as unknown as { _audit: { rules: AxeRule[]; tagExclude: string[] } })
  ._audit;
const SERIOUS_RULES = allRules
  .filter((r) => r.enabled !== false && !r.tags.some((t) => tagExclude.includes(t)))
  .filter((r) => !r.impact || r.impact === 'serious' || r.impact === 'critical')
  .map((r) => r.id);

export interface AxeScope {
  /** Only these parts of the page (CSS selectors); the whole document when absent. */
  include?: string[];
  /** Only these rules (axe's ids): the rest cannot fail where the caller looks, e.g. colours only. */
  rules?: string[];
}

/** Serious or critical violations on the page as it is now, one line each for a failure message. */
export async function seriousViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const rules = scope.rules ?? SERIOUS_RULES;
  return page.evaluate(
    async ({ include, rules }) => {
      const inPage = (window as unknown as { axe: typeof axe }).axe;
      const result = await inPage.run(include ? { include } : document, {
        resultTypes: ['violations'],
        runOnly: { type: 'rule', values: rules },
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
    },
    { include: scope.include, rules },
  );
}
