// Writes an instance back in the benchmark's text format (used for generated instances, so the
// bench reads them exactly as it reads the published ones).
import type { CurtoisInstance } from './types';

export function formatCurtois(instance: CurtoisInstance): string {
  const out: string[] = ['# Written by the residency scheduler (Curtois benchmark format)'];
  out.push(
    'SECTION_HORIZON',
    '# All instances start on a Monday',
    '# The horizon length in days:',
    String(instance.horizonDays),
    '',
  );
  out.push('SECTION_SHIFTS', '# ShiftID, Length in mins, Shifts which cannot follow this shift | separated');
  for (const s of instance.shifts) out.push(`${s.id},${s.minutes},${s.cannotFollow.join('|')}`);
  out.push('', 'SECTION_STAFF');
  out.push(
    '# ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, ' +
      'MinConsecutiveDaysOff, MaxWeekends',
  );
  for (const s of instance.staff) {
    const max = Object.entries(s.maxShifts)
      .map(([id, n]) => `${id}=${n}`)
      .join('|');
    out.push(
      [
        s.id,
        max,
        s.maxTotalMinutes,
        s.minTotalMinutes,
        s.maxConsecutiveShifts,
        s.minConsecutiveShifts,
        s.minConsecutiveDaysOff,
        s.maxWeekends,
      ].join(','),
    );
  }
  out.push('', 'SECTION_DAYS_OFF', '# EmployeeID, DayIndexes (start at zero)');
  for (const s of instance.staff) if (s.daysOff.length) out.push([s.id, ...s.daysOff].join(','));
  out.push('', 'SECTION_SHIFT_ON_REQUESTS', '# EmployeeID, Day, ShiftID, Weight');
  for (const r of instance.onRequests) out.push([r.staff, r.day, r.shift, r.weight].join(','));
  out.push('', 'SECTION_SHIFT_OFF_REQUESTS', '# EmployeeID, Day, ShiftID, Weight');
  for (const r of instance.offRequests) out.push([r.staff, r.day, r.shift, r.weight].join(','));
  out.push('', 'SECTION_COVER', '# Day, ShiftID, Requirement, Weight for under, Weight for over');
  for (const c of instance.cover) out.push([c.day, c.shift, c.requirement, c.underWeight, c.overWeight].join(','));
  return out.join('\n') + '\n';
}
