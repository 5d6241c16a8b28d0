import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core/domain/defaults';
import { programSettingsSchema } from '../../core/domain/schemas';

describe('default program settings', () => {
  it('are valid settings', () => {
    expect(programSettingsSchema.safeParse(defaultSettings()).success).toBe(true);
  });

  it('share no objects between calls: editing one program’s rules leaves the defaults alone', () => {
    const reference = structuredClone(defaultSettings());
    const edited = defaultSettings();
    for (const rule of edited.rules) {
      rule.scope.pgyLevels.push(7);
      rule.scope.kinds.push('student');
    }
    edited.absencePolicies[0].recoveryDays = 99;
    expect(defaultSettings()).toEqual(reference);
  });
});
