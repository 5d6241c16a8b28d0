// Parser for the Curtois benchmark text format: `#` comments, SECTION_* headers, comma-separated
// records. Every error names the source and the line number; references (staff, shifts, days)
// are checked after the whole file is read, still with the line they came from.
import type { CurtoisCover, CurtoisInstance, CurtoisRequest, CurtoisShift, CurtoisStaff } from './types';

export class CurtoisParseError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    message: string,
  ) {
    super(`${source} line ${line}: ${message}`);
    this.name = 'CurtoisParseError';
  }
}

const SECTIONS = [
  'SECTION_HORIZON',
  'SECTION_SHIFTS',
  'SECTION_STAFF',
  'SECTION_DAYS_OFF',
  'SECTION_SHIFT_ON_REQUESTS',
  'SECTION_SHIFT_OFF_REQUESTS',
  'SECTION_COVER',
] as const;
type Section = (typeof SECTIONS)[number];

interface Located<T> {
  line: number;
  value: T;
}

export function parseCurtois(text: string, source = 'instance'): CurtoisInstance {
  const fail = (line: number, message: string): never => {
    throw new CurtoisParseError(source, line, message);
  };
  const int = (line: number, field: string, raw: string | undefined, min = 0): number => {
    const v = (raw ?? '').trim();
    if (!/^-?\d+$/.test(v)) fail(line, `${field} must be a whole number, got "${raw ?? ''}"`);
    const n = Number(v);
    if (n < min) fail(line, `${field} must be at least ${min}, got ${n}`);
    return n;
  };
  /**
   * The record's fields; empty ones past `count` (a trailing comma, as spreadsheets write) are
   * dropped, and a record one short gets an empty last field when `lastOptional` (a shift with
   * no successions written without its trailing comma).
   */
  const fields = (line: number, raw: string, count: number, what: string, lastOptional = false) => {
    const parts = raw.split(',').map((p) => p.trim());
    while (parts.length > count && parts[parts.length - 1] === '') parts.pop();
    if (lastOptional && parts.length === count - 1) parts.push('');
    if (parts.length !== count)
      fail(line, `${what} needs ${count} comma-separated fields, got ${parts.length}: "${raw}"`);
    return parts;
  };

  let section: Section | null = null;
  const seenSections = new Set<Section>();
  let horizon: Located<number> | null = null;
  const shifts: Located<CurtoisShift>[] = [];
  const staff: Located<Omit<CurtoisStaff, 'daysOff'>>[] = [];
  const daysOff: Located<{ staff: string; days: number[] }>[] = [];
  const onRequests: Located<CurtoisRequest>[] = [];
  const offRequests: Located<CurtoisRequest>[] = [];
  const cover: Located<CurtoisCover>[] = [];

  // Windows (CRLF), Unix (LF) and old Mac (CR) line ends; a byte-order mark is trimmed as white space.
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const raw = rawLine.trim();
    if (raw === '' || raw.startsWith('#')) return;
    if (raw.startsWith('SECTION_')) {
      if (!(SECTIONS as readonly string[]).includes(raw)) fail(line, `unknown section "${raw}"`);
      if (seenSections.has(raw as Section)) fail(line, `section ${raw} appears twice`);
      section = raw as Section;
      seenSections.add(section);
      return;
    }
    switch (section) {
      case null:
        return fail(line, `data before the first SECTION_ header: "${raw}"`);
      case 'SECTION_HORIZON':
        if (horizon) fail(line, 'SECTION_HORIZON holds a single number of days');
        horizon = { line, value: int(line, 'horizon length', raw, 1) };
        return;
      case 'SECTION_SHIFTS': {
        const [id, minutes, next] = fields(line, raw, 3, 'a shift', true);
        if (!id) fail(line, 'shift id is empty');
        shifts.push({
          line,
          value: {
            id,
            minutes: int(line, `length of shift ${id}`, minutes, 1),
            cannotFollow: next
              .split('|')
              .map((s) => s.trim())
              .filter((s) => s !== ''),
          },
        });
        return;
      }
      case 'SECTION_STAFF': {
        const p = fields(line, raw, 8, 'an employee');
        if (!p[0]) fail(line, 'employee id is empty');
        const maxShifts: Record<string, number> = {};
        for (const part of p[1].split('|').filter((part) => part.trim() !== '')) {
          const [shift, max, extra] = part.split('=').map((s) => s.trim());
          if (!shift || max === undefined || extra !== undefined)
            fail(line, `max shifts entry must look like SHIFT=COUNT, got "${part}"`);
          if (shift in maxShifts) fail(line, `max shifts for shift ${shift} given twice`);
          maxShifts[shift] = int(line, `max shifts of ${shift}`, max);
        }
        const value = {
          id: p[0],
          maxShifts,
          maxTotalMinutes: int(line, 'MaxTotalMinutes', p[2]),
          minTotalMinutes: int(line, 'MinTotalMinutes', p[3]),
          maxConsecutiveShifts: int(line, 'MaxConsecutiveShifts', p[4]),
          minConsecutiveShifts: int(line, 'MinConsecutiveShifts', p[5]),
          minConsecutiveDaysOff: int(line, 'MinConsecutiveDaysOff', p[6]),
          maxWeekends: int(line, 'MaxWeekends', p[7]),
        };
        if (value.minTotalMinutes > value.maxTotalMinutes)
          fail(line, `MinTotalMinutes ${value.minTotalMinutes} is above MaxTotalMinutes ${value.maxTotalMinutes}`);
        staff.push({ line, value });
        return;
      }
      case 'SECTION_DAYS_OFF': {
        const [id, ...days] = raw.split(',').map((s) => s.trim());
        if (!id) fail(line, 'employee id is empty');
        daysOff.push({
          line,
          value: { staff: id, days: days.filter((d) => d !== '').map((d) => int(line, 'day index', d)) },
        });
        return;
      }
      case 'SECTION_SHIFT_ON_REQUESTS':
      case 'SECTION_SHIFT_OFF_REQUESTS': {
        const [who, day, shift, weight] = fields(line, raw, 4, 'a request');
        const request = { staff: who, day: int(line, 'day', day), shift, weight: int(line, 'weight', weight) };
        (section === 'SECTION_SHIFT_ON_REQUESTS' ? onRequests : offRequests).push({ line, value: request });
        return;
      }
      case 'SECTION_COVER': {
        const [day, shift, req, under, over] = fields(line, raw, 5, 'a cover requirement');
        cover.push({
          line,
          value: {
            day: int(line, 'day', day),
            shift,
            requirement: int(line, 'requirement', req),
            underWeight: int(line, 'weight for under', under),
            overWeight: int(line, 'weight for over', over),
          },
        });
        return;
      }
    }
  });

  const end = lines.length;
  const h: Located<number> = horizon ?? fail(end, 'SECTION_HORIZON is missing');
  if (shifts.length === 0) fail(end, 'SECTION_SHIFTS lists no shifts');

  const shiftIds = new Set<string>();
  for (const s of shifts) {
    if (shiftIds.has(s.value.id)) fail(s.line, `shift ${s.value.id} is defined twice`);
    shiftIds.add(s.value.id);
  }
  const knownShift = (line: number, id: string, what: string) => {
    if (!shiftIds.has(id)) fail(line, `${what} refers to unknown shift "${id}"`);
  };
  for (const s of shifts)
    for (const n of s.value.cannotFollow) knownShift(s.line, n, `shift ${s.value.id}'s successions`);
  const staffIds = new Map<string, number>();
  for (const s of staff) {
    if (staffIds.has(s.value.id)) fail(s.line, `employee ${s.value.id} is defined twice`);
    staffIds.set(s.value.id, staffIds.size);
    for (const id of Object.keys(s.value.maxShifts)) knownShift(s.line, id, `employee ${s.value.id}'s max shifts`);
  }
  const knownStaff = (line: number, id: string) => {
    if (!staffIds.has(id)) fail(line, `unknown employee "${id}"`);
  };
  const inHorizon = (line: number, day: number) => {
    if (day >= h.value) fail(line, `day ${day} is outside the horizon 0..${h.value - 1}`);
  };

  const offDays = new Map<string, Set<number>>();
  for (const d of daysOff) {
    knownStaff(d.line, d.value.staff);
    const set = offDays.get(d.value.staff) ?? new Set<number>();
    for (const day of d.value.days) {
      inHorizon(d.line, day);
      set.add(day);
    }
    offDays.set(d.value.staff, set);
  }
  const checkRequests = (list: Located<CurtoisRequest>[]) => {
    const seen = new Set<string>();
    for (const r of list) {
      knownStaff(r.line, r.value.staff);
      inHorizon(r.line, r.value.day);
      knownShift(r.line, r.value.shift, 'request');
      const key = `${r.value.staff}|${r.value.day}|${r.value.shift}`;
      if (seen.has(key))
        fail(r.line, `request for ${r.value.staff} day ${r.value.day} shift ${r.value.shift} is given twice`);
      seen.add(key);
    }
    return list.map((r) => r.value);
  };
  const coverSeen = new Set<string>();
  for (const c of cover) {
    inHorizon(c.line, c.value.day);
    knownShift(c.line, c.value.shift, 'cover requirement');
    const key = `${c.value.day}|${c.value.shift}`;
    if (coverSeen.has(key)) fail(c.line, `cover for day ${c.value.day} shift ${c.value.shift} is given twice`);
    coverSeen.add(key);
  }

  return {
    name: source.replace(/^.*[\\/]/, '').replace(/\.txt$/i, ''),
    horizonDays: h.value,
    shifts: shifts.map((s) => s.value),
    staff: staff.map((s) => ({ ...s.value, daysOff: [...(offDays.get(s.value.id) ?? [])].sort((a, b) => a - b) })),
    onRequests: checkRequests(onRequests),
    offRequests: checkRequests(offRequests),
    cover: cover.map((c) => c.value),
  };
}
