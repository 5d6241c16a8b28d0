// A year's generation explanations are serialised a slice at a time (the event loop free between
// slices): the text must be exactly JSON.stringify's, whatever the array holds and however long.
import { describe, expect, it } from 'vitest';
import { jsonArrayInParts } from '../../core/services/drafts/turns';

describe('jsonArrayInParts', () => {
  it('is JSON.stringify of the array, across slices and for odd elements', async () => {
    const many = Array.from({ length: 4_321 }, (_, i) => ({
      key: `slot:p${i % 17}:2026-07-${String((i % 28) + 1).padStart(2, '0')}:AM`,
      reasons: i % 5 === 0 ? [] : [{ kind: 'target', text: `"quoted" ${i}\n` }],
      value: i % 3 === 0 ? null : 'CL',
    }));
    const odd = [undefined, null, 1, 'two', [3], { four: undefined }, () => 5];
    for (const items of [[], [1], many, odd, [...many, ...odd]])
      expect(await jsonArrayInParts(items)).toBe(JSON.stringify(items));
  });
});
