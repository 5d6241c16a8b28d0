// The Services section's form (reading services back, keeping service_staffing rules in step) and
// the moonlighting/callback dialogs' time fields.
import { describe, expect, it } from 'vitest';
import { defaultRules, defaultServices } from '../../core/domain/defaults';
import { clockHours, formatTimeRange, timedErrors } from '../../renderer/src/duty/dutyForm';
import {
  newServiceForm,
  readServices,
  rulesForServices,
  toServiceForms,
} from '../../renderer/src/settings/servicesForm';

describe('services form', () => {
  it('reads the default services back unchanged', () => {
    const forms = toServiceForms(defaultServices());
    expect(readServices(forms)).toEqual({ services: defaultServices() });
  });

  it('names what is wrong, by field', () => {
    const forms = toServiceForms(defaultServices());
    forms[1].code = 'FMIT';
    forms[1].staffing[0] = { pgyLevels: [], min: '2', max: '1' };
    forms.push({ ...newServiceForm(), code: 'X', name: '', facultyWeeks: true });
    forms[2].staffing[0].min = 'one';
    expect(readServices(forms)).toEqual({
      errors: {
        '[1].code': 'another service has the code FMIT',
        '[1].staffing[0].max': 'at least the least (2)',
        '[2].name': 'enter a name',
        '[2].rotationCodes': 'choose at least one rotation',
        '[2].staffing[0].min': '"one" is not a number',
        '[0].facultyWeeks': 'only one service has the faculty inpatient weeks',
        '[2].facultyWeeks': 'only one service has the faculty inpatient weeks',
      },
    });
  });

  it('keeps the staffing rules in step: a rename follows, a removal drops, a new service gets its own rule', () => {
    const forms = toServiceForms(defaultServices());
    forms[0].code = 'INPT'; // renamed
    forms.splice(1, 1); // night float removed
    forms.push({ ...newServiceForm(), code: 'ICU', name: 'Intensive care', rotationCodes: ['ICU'] });
    const read = readServices(forms);
    if (!('services' in read)) throw new Error('unexpected errors');
    const rules = rulesForServices(defaultRules(), forms, read.services);
    const staffing = rules.filter((r) => r.type === 'service_staffing').map((r) => [r.id, r.params.services]);
    expect(staffing).toEqual([
      ['inpatient_team', ['INPT']],
      ['service_icu', ['ICU']],
    ]);
    // Every other rule is kept as it was.
    expect(rules.filter((r) => r.type !== 'service_staffing')).toEqual(
      defaultRules().filter((r) => r.type !== 'service_staffing'),
    );
  });

  it('adds no rule when one rule checks every service', () => {
    const all = defaultRules().filter((r) => r.type !== 'service_staffing');
    all.push({
      id: 'staffing',
      type: 'service_staffing',
      enabled: true,
      severity: 'high',
      scope: { kinds: ['resident'], pgyLevels: [] },
      params: { services: [] },
    });
    const forms = [
      ...toServiceForms(defaultServices()),
      { ...newServiceForm(), code: 'ICU', name: 'ICU', rotationCodes: ['ICU'] },
    ];
    const read = readServices(forms);
    if (!('services' in read)) throw new Error('unexpected errors');
    expect(rulesForServices(all, forms, read.services)).toEqual(all);
  });
});

describe('moonlighting and callback times', () => {
  const form = (startDate: string, startTime: string, endDate: string, endTime: string) => ({
    personId: 'r1',
    startDate,
    startTime,
    endDate,
    endTime,
  });

  it('takes a shift across midnight and refuses one that ends before it starts or runs too long', () => {
    expect(timedErrors(form('2026-09-05', '20:00', '2026-09-06', '02:00'), 24, 'A callback')).toEqual({});
    expect(clockHours('2026-09-05T20:00', '2026-09-06T02:00')).toBe(6);
    expect(timedErrors(form('2026-09-05', '20:00', '2026-09-05', '19:00'), 24, 'A callback')).toEqual({
      endTime: 'A callback ends after it starts',
    });
    expect(timedErrors(form('2026-09-05', '08:00', '2026-09-06', '08:01'), 24, 'A callback')).toEqual({
      endDate: 'A callback lasts at most 24 hours',
    });
    expect(timedErrors({ ...form('', '8', '2026-09-06', '08:00'), personId: '' }, 24, 'A shift')).toEqual({
      personId: 'Choose the person',
      startDate: 'Enter the day it starts',
      startTime: 'HH:MM',
    });
  });

  it('reads as a roster does', () => {
    expect(formatTimeRange('2026-09-05T08:00', '2026-09-05T20:00')).toBe('Sat 5 Sept 2026, 08:00 – 20:00');
    expect(formatTimeRange('2026-09-05T20:00', '2026-09-06T02:00')).toBe('Sat 5 Sept 2026, 20:00 – Sun 6 Sept 02:00');
  });
});
