// Diagnosis messages name who is short: a few by name, a long list (a whole PGY class of a large
// program) by its first names and how many more. A 60-resident plan's diagnosis ran to 10 000
// characters naming everyone twice over.
import { describe, expect, it } from 'vitest';
import { listText } from '../../core/solver/models/model';

describe('listText', () => {
  it('names up to twelve', () => {
    expect(listText([])).toBe('');
    expect(listText(['A'])).toBe('A');
    expect(listText(['A', 'B', 'C'])).toBe('A, B and C');
    const twelve = Array.from({ length: 12 }, (_, i) => `R${i + 1}`);
    expect(listText(twelve)).toBe('R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11 and R12');
  });

  it('names the first ten of a longer list and counts the rest', () => {
    const class24 = Array.from({ length: 24 }, (_, i) => `R${i + 1}`);
    expect(listText(class24)).toBe('R1, R2, R3, R4, R5, R6, R7, R8, R9, R10 and 14 more');
  });
});
