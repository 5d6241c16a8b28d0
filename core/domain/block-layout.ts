// The checks a program's block calendar must pass, in domain words: explicit blocks are
// contiguous and cover the academic year (the first starts on July 1, each ends the day before the
// next starts, the last ends on June 30), halves only where a block is long enough, and every
// block a rule-based layout configures fits in the year. Used by the settings schema (so the
// exchange format and the API refuse a bad calendar) and the Settings view's preview.
import {
  academicYearEnd,
  academicYearLabel,
  academicYearStart,
  blocksForYear,
  canHaveHalves,
  daysBetween,
  MIN_DAYS_FOR_HALVES,
} from './calendar';
import type { AcademicYearId, BlockLayout } from './types';
import { plural } from './words';

export interface BlockLayoutIssue {
  /** Path inside the layout, e.g. `explicitYears[0].blocks[2].start`. */
  path: string;
  message: string;
}

/** Highest block number a plan entry may name. */
export const MAX_BLOCK_NUMBER = 60;

const dayMonth = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Problems of a layout, checked for its explicit years and for each of `years` under the rule. */
export function blockLayoutIssues(layout: BlockLayout, years: readonly AcademicYearId[] = []): BlockLayoutIssue[] {
  const issues: BlockLayoutIssue[] = [];
  if (layout.firstBlockDays !== undefined && layout.anchorWeekday !== null)
    issues.push({
      path: 'firstBlockDays',
      message:
        'a first block length goes only with blocks from July 1 (no anchor weekday): an anchored year starts with ' +
        'the short block 0',
    });
  const seen = new Set<AcademicYearId>();
  (layout.explicitYears ?? []).forEach((y, yi) => {
    const at = `explicitYears[${yi}]`;
    const label = academicYearLabel(y.academicYear);
    if (seen.has(y.academicYear))
      issues.push({ path: `${at}.academicYear`, message: `${label} has two explicit block lists` });
    seen.add(y.academicYear);
    if (y.firstNumber !== 0 && y.firstNumber !== 1)
      issues.push({ path: `${at}.firstNumber`, message: 'the first block is numbered 0 or 1' });
    if (y.blocks.length === 0) {
      issues.push({ path: `${at}.blocks`, message: `${label} needs at least one block` });
      return;
    }
    const last = y.firstNumber + y.blocks.length - 1;
    if (last > MAX_BLOCK_NUMBER)
      issues.push({
        path: `${at}.blocks`,
        message: `${label} has blocks up to ${last}; at most ${MAX_BLOCK_NUMBER} are possible`,
      });
    const yearStart = academicYearStart(y.academicYear);
    const yearEnd = academicYearEnd(y.academicYear);
    if (y.blocks[0].start !== yearStart)
      issues.push({
        path: `${at}.blocks[0].start`,
        message:
          `the first block of ${label} must start on ${dayMonth(yearStart)} ${yearStart.slice(0, 4)}, not ` +
          `${y.blocks[0].start}`,
      });
    y.blocks.forEach((b, bi) => {
      const number = y.firstNumber + bi;
      const path = `${at}.blocks[${bi}]`;
      if (b.start < yearStart || b.start > yearEnd) {
        issues.push({
          path: `${path}.start`,
          message: `block ${number} starts on ${b.start}, outside ${label} (${yearStart} – ${yearEnd})`,
        });
        return;
      }
      const next = y.blocks[bi + 1];
      if (next && next.start <= b.start) {
        issues.push({
          path: `${at}.blocks[${bi + 1}].start`,
          message:
            `block ${number + 1} starts on ${next.start}, not after block ${number} (${b.start}): blocks are ` +
            `listed in order without overlaps`,
        });
        return;
      }
      const end = next ? next.start : null;
      const length = end ? daysBetween(b.start, end) : daysBetween(b.start, yearEnd) + 1;
      if (b.halves && !canHaveHalves(length))
        issues.push({
          path: `${path}.halves`,
          message:
            `block ${number} of ${label} has ${plural(length, 'day')}, too short for halves (a block needs ` +
            `at least ${MIN_DAYS_FOR_HALVES} days to have two halves)`,
        });
    });
  });
  for (const year of years) {
    if (seen.has(year)) continue;
    const fitted = blocksForYear(year, layout).filter((b) => b.number >= 1 && b.number <= layout.blockCount).length;
    if (fitted < layout.blockCount)
      issues.push({
        path: 'blockCount',
        message:
          `only ${fitted} of the ${layout.blockCount} configured blocks fit in ${academicYearLabel(year)}: ` +
          `fewer or shorter blocks are needed`,
      });
  }
  return issues;
}
