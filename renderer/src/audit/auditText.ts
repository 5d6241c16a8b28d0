// Audit entries in words: what the action was, and what changed ("Dylan Wright · 4 Jul AM:
// C → AT"), from the before/after data each service writes. Pure, unit-tested.
import type { AuditRow } from '../../../core/api/contract';
import { plural } from '../lib/words';

/** Names for ids found in the data (people) and codes. */
export interface AuditNames {
  person(id: string): string | null;
}

const ACTIONS: Record<string, string> = {
  'draft.create': 'Created a draft',
  'draft.update': 'Renamed a draft',
  'draft.discard': 'Discarded a draft',
  'draft.setActivity': 'Set an activity',
  'draft.clear': 'Cleared slots',
  'draft.paste': 'Pasted slots',
  'draft.setLock': 'Changed locks',
  'draft.setCall': 'Changed a call night',
  'draft.setInpatientWeek': 'Changed an inpatient week',
  'draft.setRotation': 'Changed the rotation plan',
  'draft.revert': 'Reverted to published values',
  'draft.apply_patch': 'Undid or redid an edit',
  'draft.validate': 'Checked a draft against the rules',
  'draft.publish': 'Published a draft',
  'draft.publish_refused': 'Publish refused',
  'draft.break_glass': 'Break-glass approval',
  'draft.churn_warnings_accepted': 'Accepted churn warnings',
  'finding.acknowledge': 'Acknowledged a finding',
  'publication.rollback': 'Rolled back a publication',
  'people.create': 'Added a person',
  'people.update': 'Changed a person',
  'absences.create': 'Entered an absence',
  'absences.update': 'Changed an absence',
  'absences.delete': 'Deleted an absence',
  'program.replace': 'Replaced the program data',
  'program.updateSettings': 'Changed the settings',
  'holidays.set': 'Changed the holidays',
  'account.setup': 'Created the first administrator',
  'account.create': 'Added an account',
  'account.update': 'Changed an account',
  'account.resetPassword': 'Reset a password',
  'account.changePassword': 'Changed their password',
  'account.unlock': 'Unlocked an account',
  'account.signIn': 'Signed in',
  'account.signInFailed': 'Sign-in refused',
  'account.locked': 'Account locked after failed sign-ins',
};

export function describeAction(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  if (action.startsWith('draft.fill_from_')) return `Filled a draft from ${action.slice('draft.fill_from_'.length)}`;
  const words = action.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "draft 3", "absence abs-1234 (Ana Ruiz)", "person Ana Ruiz". */
export function describeEntity(row: Pick<AuditRow, 'entity' | 'entityId'>, names: AuditNames): string {
  if (row.entity === 'person') return `person ${names.person(row.entityId) ?? row.entityId}`;
  return `${row.entity} ${row.entityId}`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function formatValue(v: unknown, names: AuditNames, key = ''): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') {
    if (key === 'personId') return names.person(v) ?? v;
    return v;
  }
  if (typeof v === 'number') return String(Math.round(v * 100) / 100);
  if (Array.isArray(v)) {
    if (key === 'personIds') return v.map((id) => names.person(String(id)) ?? String(id)).join(', ') || '—';
    if (v.every((x) => typeof x !== 'object')) return v.join(', ') || '—';
    return `${plural(v.length, 'item')}`;
  }
  if (isObj(v)) {
    if (typeof v.start === 'string' && typeof v.end === 'string' && Object.keys(v).length === 2)
      return v.start === v.end ? v.start : `${v.start} – ${v.end}`;
    const parts = Object.entries(v)
      .filter(([, x]) => x !== null && x !== undefined && typeof x !== 'object')
      .map(([k, x]) => `${k} ${formatValue(x, names, k)}`);
    return parts.join(', ') || '…';
  }
  return String(v);
}

interface PatchEntry {
  personId: string;
  date?: string;
  half?: string;
  start?: string;
  callTypeCode?: string;
  academicYear?: number;
  blockNumber?: number;
  part?: string;
  value: unknown;
}

const PATCH_KINDS = ['cells', 'calls', 'inpatientWeeks', 'rotations'] as const;

function entryKey(e: PatchEntry, kind: string): string {
  if (kind === 'rotations') return `${kind}|${e.personId}|${e.academicYear}|${e.blockNumber}|${e.part}`;
  return `${kind}|${e.personId}|${e.date ?? e.start}|${e.half ?? e.callTypeCode ?? ''}`;
}

function entryValue(kind: string, value: unknown): string {
  if (value === null || value === undefined) return 'as published';
  if (!isObj(value)) return String(value);
  if (kind === 'cells') {
    if (value.activityCode === null) return 'empty';
    return `${value.activityCode}${value.locked ? ' (locked)' : ''}`;
  }
  if (kind === 'calls') return value.assigned ? 'on call' : 'not on call';
  if (kind === 'rotations') return value.rotationId === null ? 'nothing planned' : String(value.rotationId);
  return value.assigned ? `inpatient week to ${value.end}` : 'no inpatient week';
}

/** Lines for a draft edit: each slot, call or week with the value it had and the one it got. */
function patchLines(before: unknown, after: unknown, names: AuditNames, limit: number): string[] | null {
  const afterPatch = isObj(after) && isObj(after.patch) ? (after.patch as Record<string, PatchEntry[]>) : null;
  if (!afterPatch) return null;
  const beforePatch = isObj(before) && isObj(before.patch) ? (before.patch as Record<string, PatchEntry[]>) : null;
  const previous = new Map<string, unknown>();
  for (const kind of PATCH_KINDS) for (const e of beforePatch?.[kind] ?? []) previous.set(entryKey(e, kind), e.value);
  const lines: string[] = [];
  let total = 0;
  for (const kind of PATCH_KINDS) {
    for (const e of afterPatch[kind] ?? []) {
      total++;
      if (lines.length >= limit) continue;
      const who = names.person(e.personId) ?? e.personId;
      const when =
        kind === 'cells'
          ? `${e.date} ${e.half}`
          : kind === 'calls'
            ? `${e.callTypeCode} call ${e.date}`
            : kind === 'rotations'
              ? `block ${e.blockNumber}${e.part === 'full' ? '' : ` (${e.part} half)`}`
              : `week from ${e.start}`;
      const was = previous.has(entryKey(e, kind)) ? entryValue(kind, previous.get(entryKey(e, kind))) : null;
      lines.push(`${who} · ${when}: ${was ? `${was} → ` : ''}${entryValue(kind, e.value)}`);
    }
  }
  if (total > lines.length) lines.push(`… and ${total - lines.length} more`);
  return lines;
}

/**
 * What an entry changed, line by line: draft edits slot by slot; other entries field by field
 * ("status: requested → approved"); a creation or deletion lists the fields it had.
 */
export function describeChanges(row: Pick<AuditRow, 'before' | 'after'>, names: AuditNames, limit = 12): string[] {
  const fromPatch = patchLines(row.before, row.after, names, limit);
  if (fromPatch) return fromPatch;
  const before = isObj(row.before) ? row.before : null;
  const after = isObj(row.after) ? row.after : null;
  if (before && after) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return changed
      .slice(0, limit)
      .map((k) => `${k}: ${formatValue(before[k], names, k)} → ${formatValue(after[k], names, k)}`);
  }
  const only = after ?? before;
  if (only) {
    return Object.entries(only)
      .filter(([k]) => k !== 'patch')
      .slice(0, limit)
      .map(([k, v]) => `${k}: ${formatValue(v, names, k)}`);
  }
  if (row.after !== null && row.after !== undefined) return [formatValue(row.after, names)];
  return [];
}
