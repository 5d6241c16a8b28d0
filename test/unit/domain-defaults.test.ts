import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core/domain/defaults';
import { programSettingsSchema } from '../../core/domain/schemas';

describe('default program settings', () => {
  it('are valid settings', () => {
    expect(programSettingsSchema.safeParse(defaultSettings()).success).toBe(true);
  });

  it('share no objects between calls: editing one program’s rules leaves the defaults alone', () => {
    const edited = defaultSettings();
    for (const rule of edited.rules) {
      rule.scope.pgyLevels.push(1);
      rule.scope.kinds.push('student');
    }
    edited.absencePolicies[0].recoveryDays = 99;
    const fresh = defaultSettings();
    expect(fresh.rules.every((r) => !r.scope.pgyLevels.includes(1) && !r.scope.kinds.includes('student'))).toBe(true);
    expect(fresh.absencePolicies[0].recoveryDays).toBe(0);
  });
});
