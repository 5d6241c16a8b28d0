// What churn is: how much of the published schedule, which people already rely on, a change
// takes away. One definition for the churn guard (core/services/drafts/churn.ts, at publish) and
// for the generator's stability goals (core/solver/models: each published slot or call night a
// regeneration would take away costs its weight), so the generator avoids what the guard counts.
/**
 * A published slot is churned when the draft clears it or puts another activity in it. Filling an
 * empty slot (a first generation) is not churn, nor is a change of source or lock alone.
 */
export function churnsSlot(published: string | null, draft: string | null): boolean {
  return published !== null && draft !== published;
}

/** part/whole above limit% (the guard's limits are strict), compared without division so boundaries are exact. */
export function aboveChurnLimit(part: number, whole: number, limitPct: number): boolean {
  return whole > 0 && part * 100 > limitPct * whole;
}
