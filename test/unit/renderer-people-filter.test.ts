import { describe, expect, it } from 'vitest';
import type { PersonRow } from '../../core/api/contract';
import { comparePeople } from '../../renderer/src/lib/peopleOrder';
import { filterPeople } from '../../renderer/src/people/peopleFilter';

function person(id: string, name: string, kind: PersonRow['kind'], extra: Partial<PersonRow> = {}): PersonRow {
  return {
    id,
    name,
    kind,
    facultyRole: null,
    pgyByYear: {},
    pgy: null,
    email: null,
    active: true,
    credentials: [],
    certifications: [],
    ...extra,
  };
}

const people: PersonRow[] = [
  person('1', 'Zoe Adams', 'resident', { pgy: 1, email: 'zoe@fm.example.org' }),
  person('2', 'Ben Cole', 'resident', { pgy: 3 }),
  person('3', 'Ann Diaz', 'faculty', { facultyRole: 'pd' }),
  person('4', 'Carl Egan', 'student'),
  person('5', 'Dana Fox', 'intern'),
  person('6', 'Al Brown', 'resident', { pgy: 3 }),
];

describe('people filter (renderer)', () => {
  it('orders residents senior first, then faculty, then learners, by name within each', () => {
    expect([...people].sort(comparePeople).map((p) => p.name)).toEqual([
      'Al Brown',
      'Ben Cole',
      'Zoe Adams',
      'Ann Diaz',
      'Dana Fox',
      'Carl Egan',
    ]);
  });

  it('filters by kind, with learners meaning students and interns', () => {
    expect(filterPeople(people, '', 'faculty').map((p) => p.id)).toEqual(['3']);
    expect(
      filterPeople(people, '', 'learner')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['4', '5']);
    expect(filterPeople(people, '', 'all')).toHaveLength(6);
  });

  it('matches every word against name, e-mail, role and PGY, ignoring case', () => {
    expect(filterPeople(people, 'pgy-3', 'all').map((p) => p.name)).toEqual(['Al Brown', 'Ben Cole']);
    expect(filterPeople(people, 'program director', 'all').map((p) => p.name)).toEqual(['Ann Diaz']);
    expect(filterPeople(people, 'ZOE fm.example', 'resident').map((p) => p.name)).toEqual(['Zoe Adams']);
    expect(filterPeople(people, 'zoe faculty', 'all')).toEqual([]);
  });
});
