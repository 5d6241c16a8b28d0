// One name per rule, from the rule catalog (core/rules/descriptions ruleName): Settings,
// Compliance, findings, exports and the CLI all read it; the renderer keeps no list of its own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core/domain/defaults';
import { RULE_DESCRIPTIONS, ruleName, ruleNames } from '../../core/rules/descriptions';
import { validateProgramData } from '../../core/services/compliance';
import { makeProgram } from './exports-fixture';

const titles = Object.values(RULE_DESCRIPTIONS).map((d) => d.title);
const fromCatalog = (name: string) => titles.some((t) => name === t || name.startsWith(`${t}: `));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('rule names', () => {
  it("are the catalog's title, with the rule's own id where that says more", () => {
    expect(ruleName({ id: 'acgme_80h', type: 'acgme_80h' })).toBe('80 hours a week');
    expect(ruleName({ id: 'inpatient_team', type: 'service_staffing' })).toBe('Service staffing: inpatient team');
    expect(ruleName({ id: 'wednesday_lecture', type: 'standing_slot' })).toBe('Standing half-day: wednesday lecture');
    expect(ruleName({ id: 'local_rule', type: 'not_a_type' })).toBe('Local rule');
    const names = ruleNames(defaultSettings().rules);
    expect(Object.keys(names)).toEqual(defaultSettings().rules.map((r) => r.id));
    expect(Object.values(names).filter((n) => !fromCatalog(n))).toEqual([]);
  });

  it('name every finding of a check by the catalog (what Compliance, the CLI and exports show)', () => {
    const findings = validateProgramData(makeProgram(), { start: '2026-11-05', end: '2026-12-02' });
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.ruleName).toBe(ruleName({ id: f.ruleId, type: f.ruleType }));
      expect(fromCatalog(f.ruleName), f.ruleName).toBe(true);
    }
  });

  it('have no second list in the renderer: it shows the names the core gives', () => {
    // A file that spells several catalog titles is a list of rule names of its own (one or two
    // may be a section's or a reason's own word: "Clinic capacity", "Supervision").
    const root = join(__dirname, '../../renderer/src');
    const lists = sourceFiles(root).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const spelled = titles.filter((t) => text.includes(`'${t}'`) || text.includes(`"${t}"`));
      return spelled.length >= 3 ? [`${file.slice(root.length + 1)}: ${spelled.join(', ')}`] : [];
    });
    expect(lists).toEqual([]);
  });
});
