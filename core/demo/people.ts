// Demo people: residents by PGY level, faculty with the reference program's roles, learners;
// with credentials and certifications (some expiring within the year, as in real programs).
import { DateTime } from 'luxon';
import { academicYearEnd, academicYearStart } from '../domain/calendar';
import type {
  AcademicYearId,
  Certification,
  CertificationKind,
  Credential,
  FacultyRole,
  Person,
} from '../domain/types';
import { emailFor, pickNames } from './names';
import type { Rng } from './rng';

export interface DemoPeople {
  /** Residents grouped by PGY level (index 0 = PGY-1). */
  residentsByPgy: Person[][];
  faculty: Person[];
  learners: Person[];
}

/**
 * Roles for `count` faculty: PD, APD, OIC, chief, sports medicine, core × N, adjunct. The
 * reference's 12 have one of each; a bigger faculty (one more clinic team per 12) adds an APD, an
 * OIC, a section chief, a sports medicine physician and an adjunct per team, so core faculty,
 * whose clinic minimum fills rooms, stay about half the faculty as in the reference.
 */
export function facultyRoles(count: number): FacultyRole[] {
  const fixed: FacultyRole[] = ['pd', 'apd', 'oic', 'chief', 'sports_med'];
  if (count <= fixed.length) return fixed.slice(0, count);
  const teams = Math.max(1, Math.round(count / 12));
  const roles: FacultyRole[] = [...fixed];
  for (let k = 1; k < teams; k++) roles.push('apd', 'oic', 'chief', 'sports_med');
  while (roles.length < count - teams) roles.push('core');
  while (roles.length < count) roles.push('adjunct');
  return roles;
}

function certifications(rng: Rng, kinds: CertificationKind[], year: AcademicYearId): Certification[] {
  const start = DateTime.fromISO(academicYearStart(year), { zone: 'utc' });
  return kinds.map((kind) => {
    // Renewed on time, so most were issued within the last 18 months; a few (about one in 25)
    // are older and come up for renewal within the first months of the year.
    const issued = start.minus({ days: rng.chance(0.04) ? rng.int(565, 700) : rng.int(20, 540) });
    return { kind, issued: issued.toISODate()!, expires: issued.plus({ months: 24 }).toISODate()! };
  });
}

export function makePeople(
  rng: Rng,
  year: AcademicYearId,
  residentsPerPgy: number[],
  facultyCount: number,
  learnerCount: number,
): DemoPeople {
  const residentTotal = residentsPerPgy.reduce((a, b) => a + b, 0);
  const names = pickNames(rng, residentTotal + facultyCount + learnerCount);
  const emails = new Set<string>();
  const yearKey = String(year);
  const credentialEnd = academicYearEnd(year + 1);
  let n = 0;
  const pad = (i: number, width: number) => String(i).padStart(width, '0');
  const width = Math.max(2, String(Math.max(residentTotal, facultyCount, learnerCount)).length);

  let residentNo = 0;
  const residentsByPgy = residentsPerPgy.map((count, index) => {
    const pgy = index + 1;
    return Array.from({ length: count }, (): Person => {
      const name = names[n++];
      const credentials: Credential[] = [];
      if (pgy >= 3 || (pgy === 2 && rng.chance(0.5)))
        credentials.push({ activityCode: 'PROC', status: pgy >= 3 ? 'active' : 'provisional', expires: credentialEnd });
      if (pgy >= 3 && rng.chance(0.25))
        credentials.push({ activityCode: 'VAS', status: 'provisional', expires: credentialEnd });
      const kinds: CertificationKind[] = ['BLS', 'ACLS', 'NRP'];
      if (pgy >= 2) kinds.push('PALS', 'ALSO');
      return {
        id: `res-${pad(++residentNo, width)}`,
        name,
        kind: 'resident',
        facultyRole: null,
        pgyByYear: { [yearKey]: pgy },
        email: emailFor(name, emails),
        active: true,
        credentials,
        certifications: certifications(rng, kinds, year),
      };
    });
  });

  const faculty = facultyRoles(facultyCount).map((role, i): Person => {
    const name = names[n++];
    const credentials: Credential[] =
      role === 'adjunct' ? [] : [{ activityCode: 'PROC', status: 'active', expires: credentialEnd }];
    if (role === 'chief' || (role === 'core' && rng.chance(0.3)))
      credentials.push({ activityCode: 'VAS', status: 'active', expires: credentialEnd });
    return {
      id: `fac-${pad(i + 1, width)}`,
      name,
      kind: 'faculty',
      facultyRole: role,
      pgyByYear: {},
      email: emailFor(name, emails),
      active: true,
      credentials,
      certifications: certifications(rng, role === 'sports_med' ? ['BLS', 'ACLS'] : ['BLS', 'ACLS', 'ALSO'], year),
    };
  });

  const learners = Array.from({ length: learnerCount }, (_, i): Person => {
    const name = names[n++];
    return {
      id: `lrn-${pad(i + 1, width)}`,
      name,
      // Every third learner is a rotating intern, the rest are medical students.
      kind: i % 3 === 2 ? 'intern' : 'student',
      facultyRole: null,
      pgyByYear: {},
      email: emailFor(name, emails),
      active: true,
      credentials: [],
      certifications: certifications(rng, ['BLS'], year),
    };
  });
  return { residentsByPgy, faculty, learners };
}
