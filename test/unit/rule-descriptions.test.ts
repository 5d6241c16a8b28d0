// Every rule the engine knows is explained in the coordinator's words, with a label for each of
// its parameters (the Settings view shows them); adding a rule means describing it.
import { describe, expect, it } from 'vitest';
import { RULE_DESCRIPTIONS, ruleCatalog } from '../../core/rules/descriptions';
import { RULE_DEFINITIONS } from '../../core/rules/registry';

function paramKeys(schema: Record<string, unknown>): string[] {
  const props = (schema.properties ?? {}) as Record<string, { items?: { properties?: Record<string, unknown> } }>;
  return Object.entries(props).flatMap(([key, s]) => [key, ...Object.keys(s.items?.properties ?? {})]);
}

describe('rule descriptions', () => {
  it('describe every registered rule type and every one of its parameters', () => {
    for (const info of ruleCatalog()) {
      expect(RULE_DESCRIPTIONS[info.type], `no description for rule type ${info.type}`).toBeDefined();
      expect(info.explanation.length, info.type).toBeGreaterThan(20);
      for (const key of paramKeys(info.paramsSchema))
        expect(info.params[key], `${info.type}: no label for parameter ${key}`).toBeDefined();
      // `{param}`, or `{param|night}` for a count of it in words.
      for (const placeholder of info.explanation.matchAll(/\{(\w+)(?:\|[^{}]*)?\}/g))
        expect(paramKeys(info.paramsSchema), `${info.type}: {${placeholder[1]}} is not a parameter`).toContain(
          placeholder[1],
        );
    }
  });

  it('describe no rule type the engine does not know', () => {
    for (const type of Object.keys(RULE_DESCRIPTIONS)) expect(RULE_DEFINITIONS.has(type), type).toBe(true);
  });
});
