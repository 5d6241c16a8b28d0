// Rule names a view shows must be the rule catalog's (program.info's ruleNames, made by
// core/rules/descriptions ruleName): no view keeps a list of its own.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export async function expectCatalogRuleNames(page: Page, shown: Locator, where: string): Promise<void> {
  const names = new Set(Object.values((await page.evaluate(async () => window.api['program.info']({}))).ruleNames));
  const texts = (await shown.allTextContents()).map((t) => t.trim());
  expect(texts.length, `${where}: rule names shown`).toBeGreaterThan(0);
  expect(
    texts.filter((t) => !names.has(t)),
    `${where}: rule names not from the rule catalog`,
  ).toEqual([]);
}
