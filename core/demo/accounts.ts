// The demo program's accounts: one per role, so every part of the app can be tried (README lists
// them). All share one published password; a real program starts with no accounts and its
// first run creates the administrator.
import type { Role } from '../domain/accounts';
import type { ProgramData } from '../domain/program';
import type { AcademicYearId, Person } from '../domain/types';

export const DEMO_PASSWORD = 'demo-password';

export interface AccountSeed {
  username: string;
  displayName: string;
  role: Role;
  personId: string | null;
}

const byName = (a: Person, b: Person) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** One account per role; the personal ones act for a person of the demo (first by name). */
export function demoAccounts(data: ProgramData, academicYear: AcademicYearId): AccountSeed[] {
  const people = [...data.people].filter((p) => p.active).sort(byName);
  const pick = (what: string, test: (p: Person) => boolean): Person => {
    const found = people.find(test);
    if (!found) throw new Error(`The demo program has no ${what} for its demo account`);
    return found;
  };
  const pgy = (p: Person) => p.pgyByYear[String(academicYear)];
  const director = pick('program director', (p) => p.kind === 'faculty' && p.facultyRole === 'pd');
  const chief = pick(
    'senior resident',
    (p) =>
      p.kind === 'resident' &&
      pgy(p) ===
        Math.max(
          ...people
            .filter((q) => q.kind === 'resident')
            .map(pgy)
            .filter(Boolean),
        ),
  );
  const faculty = pick('core faculty member', (p) => p.kind === 'faculty' && p.facultyRole === 'core');
  const resident = pick('PGY-1 resident', (p) => p.kind === 'resident' && pgy(p) === 1);
  return [
    { username: 'admin', displayName: 'Demo Administrator', role: 'administrator', personId: null },
    { username: 'coordinator', displayName: 'Demo Coordinator', role: 'coordinator', personId: null },
    { username: 'pd', displayName: director.name, role: 'program_director', personId: director.id },
    { username: 'chief', displayName: chief.name, role: 'chief_resident', personId: chief.id },
    { username: 'faculty', displayName: faculty.name, role: 'faculty', personId: faculty.id },
    { username: 'resident', displayName: resident.name, role: 'resident', personId: resident.id },
  ];
}
