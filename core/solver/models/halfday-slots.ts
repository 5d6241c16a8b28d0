// The half-days around a block, indexed by number: person × day × half, the indexes computed once
// per model. The half-day model reads the schedule on file for every cell it builds; a string key
// built per lookup (person:date:half) was a large share of its time and most of its garbage.
import { datesInRange } from '../../domain/calendar';
import type { HalfDay, IsoDate } from '../../domain/types';

/** The half of a slot index: AM 0, PM 1. */
export const halfIndex = (half: HalfDay): 0 | 1 => (half === 'AM' ? 0 : 1);

/** Every person × day (from `from` to `to`) × half as one number. */
export class SlotGrid {
  readonly dates: IsoDate[];
  private readonly dayOf: Map<IsoDate, number>;
  private readonly personOf: Map<string, number>;
  readonly people: number;

  constructor(personIds: readonly string[], from: IsoDate, to: IsoDate) {
    this.dates = datesInRange(from, to);
    this.dayOf = new Map(this.dates.map((d, i) => [d, i]));
    this.personOf = new Map(personIds.map((id, i) => [id, i]));
    this.people = personIds.length;
  }

  get size(): number {
    return this.people * this.dates.length * 2;
  }

  /** The person's index, -1 for someone the grid does not hold. */
  person(personId: string): number {
    return this.personOf.get(personId) ?? -1;
  }

  /** The day's index, -1 outside the grid's days. */
  day(date: IsoDate): number {
    return this.dayOf.get(date) ?? -1;
  }

  /** The slot of a person and day index and half (0 AM, 1 PM); -1 outside the grid. */
  slot(person: number, day: number, half: number): number {
    const days = this.dates.length;
    return person < 0 || day < 0 || day >= days ? -1 : (person * days + day) * 2 + half;
  }

  /** The slot of a person, date and half, -1 outside the grid. */
  slotOf(personId: string, date: IsoDate, half: HalfDay): number {
    return this.slot(this.person(personId), this.day(date), halfIndex(half));
  }
}

/** A value per slot of a grid (an assignment on file, a published activity). */
export class SlotTable<T> {
  /** Per slot: 0 for none, else 1 + the value's place in `values` (a typed array: no holes to fill). */
  private readonly place: Int32Array;
  private readonly values: T[] = [];

  constructor(readonly grid: SlotGrid) {
    this.place = new Int32Array(grid.size);
  }

  /** The value of a slot index; undefined for none or -1. */
  at(slot: number): T | undefined {
    const k = slot < 0 ? 0 : this.place[slot];
    return k === 0 ? undefined : this.values[k - 1];
  }

  set(slot: number, value: T): void {
    const k = this.place[slot];
    if (k === 0) this.place[slot] = this.values.push(value);
    else this.values[k - 1] = value;
  }

  /** The value of a person's half-day; undefined for none or outside the grid. */
  get(personId: string, date: IsoDate, half: HalfDay): T | undefined {
    return this.at(this.grid.slotOf(personId, date, half));
  }
}
