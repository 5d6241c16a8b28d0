// What makes a program's services consistent, whoever edits them (the Settings view, an
// imported file): unique codes, one service attended by inpatient weeks. A service may name a
// rotation the program does not have yet (a new program's default services name FMIT and NF
// before any rotation exists): nobody counts toward it until the rotation is made.
import type { ProgramSettings } from './types';

export function serviceIssues(settings: Pick<ProgramSettings, 'services'>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const seen = new Map<string, number>();
  let attended: number | null = null;
  (settings.services ?? []).forEach((service, i) => {
    const at = `services[${i}]`;
    const first = seen.get(service.code);
    if (first !== undefined)
      issues.push({
        path: `${at}.code`,
        message: `duplicate service code "${service.code}" (already at services[${first}])`,
      });
    else seen.set(service.code, i);
    const codes = new Set<string>();
    service.rotationCodes.forEach((code, j) => {
      if (codes.has(code))
        issues.push({ path: `${at}.rotationCodes[${j}]`, message: `rotation "${code}" is listed twice` });
      codes.add(code);
    });
    if (service.facultyWeeks) {
      if (attended !== null)
        issues.push({
          path: `${at}.facultyWeeks`,
          message: `faculty inpatient weeks already attend services[${attended}]; only one service can have them`,
        });
      else attended = i;
    }
  });
  return issues;
}
