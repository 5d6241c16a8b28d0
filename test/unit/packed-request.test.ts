// A generation request travels to the pool's threads with its half-day assignments packed; the
// worker must get back exactly the request the caller made (every source, both halves, locks).
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_SOURCES, type Assignment } from '../../core/domain/types';
import type { GenerationRequest } from '../../core/solver/models/generate';
import { packRequest, unpackRequest } from '../../core/solver/models/packed-request';
import { smallProgram, YEAR } from './generate-fixture';

describe('a packed generation request', () => {
  it('unpacks to the request it was made from: program, baseline and published slots', () => {
    const program = smallProgram();
    const codes = program.activities.map((a) => a.code);
    const assignments: Assignment[] = program.people.flatMap((person, p) =>
      Array.from({ length: 30 }, (_, d) => ({
        personId: person.id,
        date: `${YEAR}-07-${String(d + 1).padStart(2, '0')}`,
        half: d % 2 === 0 ? ('AM' as const) : ('PM' as const),
        activityCode: codes[(p + d) % codes.length],
        source: ASSIGNMENT_SOURCES[(p + d) % ASSIGNMENT_SOURCES.length],
        locked: (p + d) % 3 === 0,
      })),
    );
    expect(assignments.length).toBeGreaterThan(100);
    const request: GenerationRequest = {
      scope: 'check',
      academicYear: YEAR,
      program: { ...program, assignments },
      baseline: { ...program, assignments: assignments.slice(0, 50) },
      publishedSlots: assignments.slice(50, 80),
      checkRange: { start: `${YEAR}-07-01`, end: `${YEAR}-07-31` },
      flagsMarginDays: 28,
    };
    const packed = packRequest(request);
    expect(packed.program.assignments.rows).toBeInstanceOf(Int32Array);
    // What crosses to the worker is a structured clone.
    expect(unpackRequest(structuredClone(packed))).toEqual(request);
    const plain: GenerationRequest = { scope: 'annual', academicYear: YEAR, program };
    expect(unpackRequest(structuredClone(packRequest(plain)))).toEqual(plain);
  });

  it('refuses a half-day whose source it does not know, naming it', () => {
    const program = smallProgram();
    const odd = {
      personId: program.people[0].id,
      date: `${YEAR}-07-01`,
      half: 'AM',
      activityCode: program.activities[0].code,
      source: 'guess',
      locked: false,
    } as unknown as Assignment;
    expect(() =>
      packRequest({ scope: 'annual', academicYear: YEAR, program: { ...program, assignments: [odd] } }),
    ).toThrow(new RegExp(`${odd.personId} on ${odd.date} has no known source`));
  });
});
