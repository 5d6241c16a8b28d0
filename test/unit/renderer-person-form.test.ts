import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personInput } from '../../core/api/contract';
import {
  draftFromRow,
  emptyDraft,
  hasErrors,
  issuesToFieldErrors,
  toPersonInput,
  toPersonUpdateInput,
  validateDraft,
  type PersonDraft,
} from '../../renderer/src/people/personForm';

const kinds = ['resident', 'faculty', 'student', 'intern'] as const;
const roles = ['', 'pd', 'apd', 'oic', 'chief', 'sports_med', 'core', 'adjunct'] as const;

const draftArb: fc.Arbitrary<PersonDraft> = fc.record({
  name: fc.oneof(
    fc.constant(''),
    fc.constant('   '),
    fc.string({ maxLength: 130 }),
    fc.constant('x'.repeat(121)),
    fc.constant('Ana Ruiz'),
  ),
  kind: fc.constantFrom(...kinds),
  facultyRole: fc.constantFrom(...roles),
  pgy: fc.constantFrom('', '1', '2', '3', '8'),
  email: fc.oneof(
    fc.constant(''),
    fc.constant('  '),
    fc.constant('ana.ruiz@example.org'),
    fc.constant('a@b'),
    fc.constant('no-at-sign'),
    fc.constant('.dot@example.org'),
    fc.constant("o'brien+tag@mail.example.co"),
    fc.emailAddress(),
    fc.string({ maxLength: 20 }),
  ),
  active: fc.boolean(),
  startDate: fc.constantFrom('', '2026-08-12', '2027-01-08'),
  endDate: fc.constantFrom('', '2026-08-11', '2027-01-08'),
});

describe('person form (renderer)', () => {
  it('rejects an empty name and a resident without PGY, naming the fields', () => {
    const errors = validateDraft({ ...emptyDraft(), name: '  ' });
    expect(errors.name).toBe('name is required');
    expect(errors.pgy).toBe('residents need a PGY level');
    expect(hasErrors(errors)).toBe(true);
  });

  it('requires a role for faculty and checks e-mail', () => {
    const errors = validateDraft({ ...emptyDraft(), name: 'Dr Lee', kind: 'faculty', email: 'lee@' });
    expect(errors).toEqual({ facultyRole: 'faculty need a role', email: 'not a valid e-mail address' });
  });

  it('sends null for fields the chosen kind does not have', () => {
    const draft: PersonDraft = {
      name: ' Sam Park ',
      kind: 'student',
      facultyRole: 'core',
      pgy: '2',
      email: ' ',
      active: true,
      startDate: '',
      endDate: '',
    };
    expect(validateDraft(draft)).toEqual({});
    expect(toPersonInput(draft, 2026)).toEqual({
      name: 'Sam Park',
      kind: 'student',
      facultyRole: null,
      pgy: null,
      academicYear: 2026,
      email: null,
      active: true,
      startDate: null,
      endDate: null,
    });
  });

  it('refuses a last day before the first day beside the end date, in the words the server uses', () => {
    const draft: PersonDraft = {
      ...emptyDraft(),
      name: 'Ana Ruiz',
      pgy: '1',
      startDate: '2026-08-12',
      endDate: '2026-08-11',
    };
    expect(validateDraft(draft)).toEqual({ endDate: 'the end date 2026-08-11 is before the start date 2026-08-12' });
    const server = personInput.safeParse(toPersonInput(draft, 2026));
    expect(server.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endDate', 'the end date 2026-08-11 is before the start date 2026-08-12'],
    ]);
    expect(toPersonInput({ ...draft, endDate: '2027-01-08' }, 2026)).toMatchObject({
      startDate: '2026-08-12',
      endDate: '2027-01-08',
    });
  });

  it('agrees with the API contract on every draft: client-valid exactly when the server accepts', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const client = validateDraft(draft);
        const server = personInput.safeParse(toPersonInput(draft, 2026));
        expect(!hasErrors(client)).toBe(server.success);
        if (!server.success) {
          // Every field the server complains about is one the client flagged too.
          const serverFields = new Set(server.error.issues.map((i) => String(i.path[0])));
          for (const f of serverFields) expect(client).toHaveProperty(f);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('maps server issues to fields, and the rest to form-level messages', () => {
    const mapped = issuesToFieldErrors([
      { path: 'name', message: 'name is required' },
      { path: 'pgy', message: 'residents need a PGY level' },
      { path: 'pgy', message: 'second problem' },
      { path: 'academicYear', message: 'too small' },
      { path: '(root)', message: 'person already exists' },
    ]);
    expect(mapped.fields).toEqual({ name: 'name is required', pgy: 'residents need a PGY level; second problem' });
    expect(mapped.other).toEqual(['academicYear: too small', 'person already exists']);
  });

  it('starts an edit from the listed row and sends its id', () => {
    const row = {
      id: 'p-7',
      name: 'Ana Ruiz',
      kind: 'resident' as const,
      facultyRole: null,
      pgyByYear: { '2026': 2 },
      pgy: 2,
      email: null,
      active: true,
      endDate: '2027-01-08',
      credentials: [],
      certifications: [],
    };
    const draft = draftFromRow(row);
    expect(draft).toEqual({
      name: 'Ana Ruiz',
      kind: 'resident',
      facultyRole: '',
      pgy: '2',
      email: '',
      active: true,
      startDate: '',
      endDate: '2027-01-08',
    });
    expect(toPersonUpdateInput('p-7', draft, 2026)).toMatchObject({
      id: 'p-7',
      pgy: 2,
      academicYear: 2026,
      startDate: null,
      endDate: '2027-01-08',
    });
  });
});
