// Schedule edits the incremental validator understands: one slot, one call, one absence, one
// inpatient week, one moonlighting entry, one callback, one rotation-plan entry. Changes to people, settings
// or activities need a new validator.
import { z } from 'zod';
import * as S from '../domain/schemas';
import type {
  Absence,
  AcademicYearId,
  Assignment,
  BlockPart,
  CallAssignment,
  Callback,
  HalfDay,
  InpatientWeek,
  IsoDate,
  MoonlightingEntry,
  RotationAssignment,
} from '../domain/types';

export type ScheduleEdit =
  /** Put this assignment in its slot, replacing whatever the person had there. */
  | { kind: 'setAssignment'; assignment: Assignment }
  /** Empty a person's slot. */
  | { kind: 'clearSlot'; personId: string; date: IsoDate; half: HalfDay }
  | { kind: 'addCall'; call: CallAssignment }
  | { kind: 'removeCall'; personId: string; date: IsoDate; callTypeCode: string }
  | { kind: 'addAbsence'; absence: Absence }
  | { kind: 'removeAbsence'; absenceId: string }
  | { kind: 'addInpatientWeek'; week: InpatientWeek }
  | { kind: 'removeInpatientWeek'; personId: string; start: IsoDate }
  | { kind: 'addMoonlighting'; entry: MoonlightingEntry }
  | { kind: 'removeMoonlighting'; entryId: string }
  | { kind: 'addCallback'; callback: Callback }
  | { kind: 'removeCallback'; callbackId: string }
  /** Put a person on a rotation for a block (part), replacing what overlaps it. */
  | { kind: 'setRotationAssignment'; rotationAssignment: RotationAssignment }
  | {
      kind: 'removeRotationAssignment';
      personId: string;
      academicYear: AcademicYearId;
      blockNumber: number;
      part: BlockPart;
    };

/** The same edits as a zod schema, for callers that receive them as data. */
export const scheduleEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setAssignment'), assignment: S.assignmentSchema }),
  z.object({ kind: z.literal('clearSlot'), personId: S.id, date: S.isoDate, half: S.halfDay }),
  z.object({ kind: z.literal('addCall'), call: S.callAssignmentSchema }),
  z.object({ kind: z.literal('removeCall'), personId: S.id, date: S.isoDate, callTypeCode: z.string().min(1) }),
  z.object({ kind: z.literal('addAbsence'), absence: S.absenceSchema }),
  z.object({ kind: z.literal('removeAbsence'), absenceId: S.id }),
  z.object({ kind: z.literal('addInpatientWeek'), week: S.inpatientWeekSchema }),
  z.object({ kind: z.literal('removeInpatientWeek'), personId: S.id, start: S.isoDate }),
  z.object({ kind: z.literal('addMoonlighting'), entry: S.moonlightingSchema }),
  z.object({ kind: z.literal('removeMoonlighting'), entryId: S.id }),
  z.object({ kind: z.literal('addCallback'), callback: S.callbackSchema }),
  z.object({ kind: z.literal('removeCallback'), callbackId: S.id }),
  z.object({ kind: z.literal('setRotationAssignment'), rotationAssignment: S.rotationAssignmentSchema }),
  z.object({
    kind: z.literal('removeRotationAssignment'),
    personId: S.id,
    academicYear: S.academicYear,
    blockNumber: z.number().int().min(0).max(60),
    part: z.enum(['full', 'first', 'second']),
  }),
]) satisfies z.ZodType<ScheduleEdit>;
