// Absence types as the program names them: the built-in types and the program's own (Settings,
// Absence types), each with the name its policy gives it. Read from the open program's settings.
import { useMemo } from 'react';
import type { AbsencePart, AbsencePolicy } from '../../../core/domain/types';
import { useProgram } from '../state/program';
import { ABSENCE_LABELS } from './labels';

export interface AbsenceTypeOption {
  type: string;
  name: string;
}

const words = (type: string) => {
  const w = type.replace(/_/g, ' ');
  return w.charAt(0).toUpperCase() + w.slice(1);
};

function nameIn(policies: readonly AbsencePolicy[] | undefined, type: string): string {
  return policies?.find((p) => p.type === type)?.name ?? ABSENCE_LABELS[type] ?? words(type);
}

/** Whether a type is one every program has (it cannot be removed). */
export function isBuiltInAbsenceType(type: string): boolean {
  return type in ABSENCE_LABELS;
}

/** Every type the program has, built-in ones first, then its own in the order it defined them. */
export function absenceTypeOptions(policies: readonly AbsencePolicy[] | undefined): AbsenceTypeOption[] {
  const types = [...new Set([...Object.keys(ABSENCE_LABELS), ...(policies ?? []).map((p) => p.type)])];
  return types.map((type) => ({ type, name: nameIn(policies, type) }));
}

/** The open program's absence types (follows a change in Settings). */
export function useAbsenceTypes(): { options: AbsenceTypeOption[]; name(type: string): string } {
  const policies = useProgram((s) => s.info?.settings.absencePolicies);
  return useMemo(
    () => ({ options: absenceTypeOptions(policies), name: (type: string) => nameIn(policies, type) }),
    [policies],
  );
}

/** A type's name outside React (tooltips): the open program's name for it. */
export function absenceTypeName(type: string): string {
  return nameIn(useProgram.getState().info?.settings.absencePolicies, type);
}

/** "", "AM", "PM", "12:00–17:00": the part of each day a part-day absence covers. */
export function absencePartText(part: AbsencePart | undefined): string {
  if (part === undefined) return '';
  if (part === 'AM') return 'mornings';
  if (part === 'PM') return 'afternoons';
  return `${part.start}–${part.end}`;
}
