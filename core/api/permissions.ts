// THE role matrix: which roles may call each contract method, and the few methods whose input a
// role may use only in part (a resident exports only their own calendar; only the program
// director may switch off an ACGME rule, move the lock date or approve break-glass). Core checks
// it on every call (createCore's dispatcher), so no window, test host or script can go around it;
// the renderer only uses the resulting list to show what the user can do.
// Adding a contract method? Give it its entry here (test/unit/permissions.test.ts fails without).
import type { Account, Role } from '../domain/accounts';
import { PERSONAL_ROLES, ROLE_LABELS, ROLES, roleWithArticle } from '../domain/accounts';
import type { ProgramSettings, RuleConfig } from '../domain/types';
import { RULE_DESCRIPTIONS } from '../rules/descriptions';
import { moonlightingApproval } from '../services/duty-entries';
import { requireSettings } from '../services/settings';
import { swapParties } from '../services/swaps';
import type { ApprovalRole } from '../services/swaps/types';
import type { Program } from '../services/program';
import type { JobService } from '../jobs/service';
import { contract, type MethodName } from './contract';
import { ApiError, type ApiErrorData } from './kit';

/** Anyone, signed in or not: what the sign-in and first-run screens need. */
export const PUBLIC = 'public';
type Entry = typeof PUBLIC | readonly Role[];

const EVERYONE: readonly Role[] = ROLES;
/** Who runs the program's schedule: edits, publishes, rolls back, manages people and settings. */
const SCHEDULE_OWNERS: readonly Role[] = ['administrator', 'coordinator', 'program_director'];
/** …and the chief resident, who builds drafts (e.g. the call schedule) but does not publish. */
const DRAFTERS: readonly Role[] = [...SCHEDULE_OWNERS, 'chief_resident'];
/** Everyone who sees the whole program: drafts, findings, absences, history. */
const STAFF: readonly Role[] = DRAFTERS;
const ADMINISTRATOR: readonly Role[] = ['administrator'];
/** Who approves swaps: the coordinator (the administrator stands in), and the program director. */
const SWAP_APPROVERS: readonly Role[] = ['administrator', 'coordinator', 'program_director'];

export const PERMISSIONS: Record<MethodName, Entry> = {
  'session.status': PUBLIC,
  'session.setup': PUBLIC,
  'session.signIn': PUBLIC,
  'session.signOut': EVERYONE,
  'session.changePassword': EVERYONE,

  'accounts.list': ADMINISTRATOR,
  'accounts.create': ADMINISTRATOR,
  'accounts.update': ADMINISTRATOR,
  'accounts.resetPassword': ADMINISTRATOR,
  'accounts.unlock': ADMINISTRATOR,

  'program.info': EVERYONE,
  'program.updateSettings': SCHEDULE_OWNERS,
  'program.holidays': EVERYONE,
  'program.setHolidays': SCHEDULE_OWNERS,
  // Only while no program is open (WITHOUT_PROGRAM); with one open they are refused whoever asks.
  'program.createFromDemo': ADMINISTRATOR,
  'program.importFile': ADMINISTRATOR,
  'rules.catalog': EVERYONE,
  'people.list': EVERYONE,
  // Everyone's own page; staff see anyone's (checked below).
  'people.schedule': EVERYONE,
  'people.create': SCHEDULE_OWNERS,
  'people.update': SCHEDULE_OWNERS,
  'activities.list': EVERYONE,
  'callTypes.list': EVERYONE,
  'rotations.list': EVERYONE,
  'rotations.setShifts': SCHEDULE_OWNERS,
  'blocks.list': EVERYONE,
  'absences.list': STAFF,
  // The published schedule, which everyone may see (other people's absence notes are left out for residents and
  // faculty).
  // Its moonlighting and callbacks are staff's to see, like moonlighting.list: residents and faculty
  // get only their own (seesDutyOf below).
  'schedule.grid': EVERYONE,

  'jobs.startYearCalendar': EVERYONE,
  'jobs.status': EVERYONE,
  // Jobs are shared by the whole core: everyone may stop an export (their own calendar); only
  // those who start generations may stop other jobs (checked below).
  'jobs.cancel': EVERYONE,

  'drafts.list': STAFF,
  'drafts.get': STAFF,
  'drafts.diff': STAFF,
  'drafts.changes': STAFF,
  'drafts.validation': STAFF,
  'drafts.create': DRAFTERS,
  'drafts.update': DRAFTERS,
  'drafts.discard': DRAFTERS,
  'drafts.setActivity': DRAFTERS,
  'drafts.clearCells': DRAFTERS,
  'drafts.pasteCells': DRAFTERS,
  'drafts.setLock': DRAFTERS,
  'drafts.setCall': DRAFTERS,
  'drafts.setInpatientWeek': DRAFTERS,
  'drafts.setRotation': DRAFTERS,
  'drafts.revert': DRAFTERS,
  'drafts.applyPatch': DRAFTERS,
  'drafts.validate': DRAFTERS,
  'drafts.acknowledgeFinding': SCHEDULE_OWNERS,
  'drafts.publishCheck': DRAFTERS,
  'drafts.publish': SCHEDULE_OWNERS,
  // Offline review: those who draft send drafts for review and resolve comments; importing a
  // decision is the schedule owners'.
  'reviews.export': DRAFTERS,
  'reviews.state': STAFF,
  'reviews.importResponse': SCHEDULE_OWNERS,
  'reviews.resolveComment': DRAFTERS,
  // Reviewing a file someone was given reads nothing of the open program; those who see whole
  // programs' drafts review them (the program director above all).
  'reviews.open': STAFF,
  'reviews.respond': STAFF,
  'reviews.pdf': STAFF,
  'publications.list': STAFF,
  'publications.rollback': SCHEDULE_OWNERS,
  'audit.query': SCHEDULE_OWNERS,
  'audit.chainStatus': ADMINISTRATOR,
  'backups.status': SCHEDULE_OWNERS,
  'backups.configure': ADMINISTRATOR,
  'backups.run': ADMINISTRATOR,
  'backups.restore': ADMINISTRATOR,
  'audit.verifyChain': ADMINISTRATOR,

  // Swaps: faculty and residents see and ask for their own (input checks below); the coordinator
  // and the program director approve (the role of an approval is the account's); running one
  // publishes, so it takes those who publish.
  'swaps.list': EVERYONE,
  'swaps.get': EVERYONE,
  'swaps.pending': EVERYONE,
  'swaps.items': EVERYONE,
  'swaps.candidates': EVERYONE,
  'swaps.request': EVERYONE,
  'swaps.approve': SWAP_APPROVERS,
  'swaps.reject': SWAP_APPROVERS,
  'swaps.cancel': EVERYONE,
  'swaps.execute': SCHEDULE_OWNERS,
  'swaps.rollback': SCHEDULE_OWNERS,
  'swaps.cover': STAFF,
  'swaps.coverDraft': DRAFTERS,

  'absences.create': SCHEDULE_OWNERS,
  'absences.update': SCHEDULE_OWNERS,
  'absences.delete': SCHEDULE_OWNERS,
  'absences.preview': SCHEDULE_OWNERS,
  'absences.overlaps': STAFF,
  'absences.merge': SCHEDULE_OWNERS,

  // Moonlighting and callbacks: seen by staff, entered by those who run the schedule; only the
  // program director approves moonlighting (checked below).
  'moonlighting.list': STAFF,
  'moonlighting.create': SCHEDULE_OWNERS,
  'moonlighting.update': SCHEDULE_OWNERS,
  'moonlighting.delete': SCHEDULE_OWNERS,
  'callbacks.list': STAFF,
  'callbacks.homeCalls': STAFF,
  'callbacks.create': SCHEDULE_OWNERS,
  'callbacks.update': SCHEDULE_OWNERS,
  'callbacks.delete': SCHEDULE_OWNERS,
  'activities.setPatientCare': SCHEDULE_OWNERS,
  'callTypes.setClockChange': SCHEDULE_OWNERS,

  // Residents and faculty: their own calendar and personal printout of the published schedule.
  'exports.calendars': EVERYONE,
  'exports.pdf': EVERYONE,
  'exports.csv': STAFF,
  'exports.xlsx': STAFF,
  'imports.xlsxPreview': DRAFTERS,
  'imports.xlsx': DRAFTERS,
  'imports.absencesPreview': SCHEDULE_OWNERS,
  'imports.absences': SCHEDULE_OWNERS,
  'imports.peoplePreview': SCHEDULE_OWNERS,
  'imports.people': SCHEDULE_OWNERS,

  'compliance.findings': STAFF,
  'compliance.hours': STAFF,
  'compliance.summary': STAFF,
  'compliance.acknowledge': SCHEDULE_OWNERS,

  'system.paths': EVERYONE,
  'system.revealPath': EVERYONE,
  'system.pickPath': EVERYONE,

  'generate.start': DRAFTERS,
  'generate.stop': DRAFTERS,
  'generate.explain': STAFF,
  'generate.runs': STAFF,
  'generate.run': STAFF,

  // Contingency: who runs the schedule and the chief resident run sweeps and turn repairs into drafts.
  'contingency.start': DRAFTERS,
  'contingency.stop': DRAFTERS,
  'contingency.startStress': DRAFTERS,
  'contingency.runs': STAFF,
  'contingency.run': STAFF,
  'contingency.repair': STAFF,
  'contingency.applyRepair': DRAFTERS,
  'contingency.report': STAFF,
};

/**
 * What the command line does that no contract method does (whole-program files). The CLI checks
 * these like methods.
 */
export const COMMAND_LINE_OPERATIONS = {
  /** `export <db> <file.json>`: the whole program, drafts and history included. */
  'program.exportFile': SCHEDULE_OWNERS,
} as const satisfies Record<string, Entry>;
export type Operation = MethodName | keyof typeof COMMAND_LINE_OPERATIONS;

function entryOf(operation: Operation): Entry {
  return Object.hasOwn(COMMAND_LINE_OPERATIONS, operation)
    ? COMMAND_LINE_OPERATIONS[operation as keyof typeof COMMAND_LINE_OPERATIONS]
    : PERMISSIONS[operation as MethodName];
}

/** Commands that change nothing in the program file (a session, a computation job, a stop request). */
const WRITES_NOTHING: ReadonlySet<string> = new Set([
  'session.signIn',
  'session.signOut',
  'jobs.startYearCalendar',
  'jobs.cancel',
  'generate.stop',
  // A backup copies the file; a read-only program can be backed up.
  'backups.run',
]);

/** Whether an operation changes the program file (refused when the file is open read-only). */
export function changesProgram(operation: Operation): boolean {
  return (
    Object.hasOwn(contract, operation) && contract[operation as MethodName].writes && !WRITES_NOTHING.has(operation)
  );
}

/** The refusal of a change to a program opened read-only. */
export function readOnlyRefusal(method: string, programPath: string): ApiErrorData {
  return {
    code: 'rejected',
    message:
      `The program file ${programPath} is read-only here, so nothing can be changed (${method}). You can ` +
      `look and export; to make changes, save a copy you can write (File > Save a copy) or ask for write access.`,
  };
}

/**
 * What a workstation without a program offers, to anyone at it (there are no accounts to sign in
 * with): opening and answering a review file, which reads nothing of a program, the file dialogs,
 * and making the workstation's program. Everything else is refused with NO_PROGRAM.
 */
export const WITHOUT_PROGRAM: ReadonlySet<MethodName> = new Set<MethodName>([
  'session.status',
  'reviews.open',
  'reviews.respond',
  'reviews.pdf',
  'system.paths',
  'system.pickPath',
  'system.revealPath',
  'program.createFromDemo',
  'program.importFile',
]);

export const NO_PROGRAM =
  'No program is open on this workstation: open a review file, create a program from the demo or import a program file';

/** The refusal of a call while no program is open, or null when it may run without one. */
export function withoutProgramAdmission(method: string): ApiErrorData | null {
  return WITHOUT_PROGRAM.has(method as MethodName) ? null : { code: 'rejected', message: `${NO_PROGRAM} (${method})` };
}

/** Methods a signed-in account that must change its password can still call. */
const BEFORE_PASSWORD_CHANGE = new Set<string>(['session.status', 'session.signOut', 'session.changePassword']);

export function isAllowed(role: Role | null, method: Operation): boolean {
  const entry = entryOf(method);
  if (entry === PUBLIC) return true;
  return role !== null && entry.includes(role);
}

/** Every method the account may call now (what the UI offers). */
export function allowedMethods(account: Account | null): MethodName[] {
  const methods = Object.keys(PERMISSIONS) as MethodName[];
  if (account?.mustChangePassword)
    return methods.filter((m) => PERMISSIONS[m] === PUBLIC || BEFORE_PASSWORD_CHANGE.has(m));
  return methods.filter((m) => isAllowed(account?.role ?? null, m));
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const SECTIONS: Record<string, string> = {
  session: 'use this session',
  accounts: 'manage accounts',
  program: 'change the program settings',
  people: 'change people',
  absences: 'see or change absences',
  moonlighting: 'see or change moonlighting',
  callbacks: 'see or change callbacks',
  activities: 'change activities',
  drafts: 'work on drafts',
  publications: 'see or roll back publications',
  audit: 'read the audit log',
  exports: 'export',
  compliance: 'see compliance findings',
  backups: 'manage backups',
  generate: 'generate schedules',
  swaps: 'approve, run or roll back swaps',
};

/** The refusal for a call the account may not make at all, or null when it may. */
export function admission(account: Account | null, method: Operation): ApiErrorData | null {
  const entry = entryOf(method);
  if (entry === PUBLIC) return null;
  if (!account) return { code: 'unauthenticated', message: 'Sign in first: this needs a signed-in account' };
  if (account.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(method))
    return { code: 'forbidden', message: 'Choose a new password first (an administrator set a temporary one)' };
  if (isAllowed(account.role, method)) return null;
  const what = SECTIONS[method.split('.')[0]] ?? 'do this';
  return {
    code: 'forbidden',
    message:
      `${ROLE_LABELS[account.role]} accounts may not ${what} (${method}); it takes ` +
      `${orList(entry.map(roleWithArticle))} account`,
  };
}

// ---- Input a role may use only in part ----

interface Scope {
  account: Account;
  program: Program;
  /** The running jobs (jobs.cancel checks what kind of job it stops). */
  jobs?: Pick<JobService, 'status'>;
}
type InputCheck = (input: never, scope: Scope) => void | Promise<void>;

const forbidden = (message: string) => new ApiError('forbidden', message);

/** Residents and faculty export only their own schedule, and only the published one. */
function ownScheduleOnly(
  input: { people: { personIds?: string[] }; draftId: number | null; kind?: string },
  { account }: Scope,
): void {
  if (!PERSONAL_ROLES.includes(account.role)) return;
  const own = account.personId;
  const ids = input.people.personIds;
  if (!own || !ids || ids.length !== 1 || ids[0] !== own)
    throw forbidden(
      `${ROLE_LABELS[account.role]} accounts export only their own schedule: choose yourself as the only person`,
    );
  if (input.draftId !== null)
    throw forbidden(`${ROLE_LABELS[account.role]} accounts export the published schedule, not drafts`);
  if (input.kind !== undefined && input.kind !== 'person')
    throw forbidden(`${ROLE_LABELS[account.role]} accounts print only their personal schedule`);
}

/** ACGME's rules, as the rule descriptions say (the work-hour rules and the moonlighting rules). */
const isAcgmeRule = (r: RuleConfig) => RULE_DESCRIPTIONS[r.type]?.source === 'acgme';
const ruleKey = (r: RuleConfig) => JSON.stringify([r.type, r.enabled, r.severity, r.scope, r.params]);

/** What in a settings change only the program director may decide, in words (empty: nothing). */
export function directorOnlyChanges(before: ProgramSettings, after: ProgramSettings): string[] {
  const changes: string[] = [];
  const acgme = (s: ProgramSettings) => new Map(s.rules.filter(isAcgmeRule).map((r) => [r.id, r]));
  const was = acgme(before);
  const now = acgme(after);
  for (const [id, rule] of was) {
    const next = now.get(id);
    if (!next) changes.push(`removing the ACGME rule "${id}"`);
    else if (rule.enabled && !next.enabled) changes.push(`switching off the ACGME rule "${id}"`);
    else if (ruleKey(rule) !== ruleKey(next)) changes.push(`changing the ACGME rule "${id}"`);
  }
  for (const id of now.keys()) if (!was.has(id)) changes.push(`adding the ACGME rule "${id}"`);
  if (before.lockDate !== after.lockDate) changes.push('moving the lock date');
  if (before.rollbackHours !== after.rollbackHours) changes.push('changing how long a publication can be rolled back');
  if (before.review?.publishNeedsDirectorApproval && !after.review?.publishNeedsDirectorApproval)
    changes.push("publishing without the program director's approval");
  return changes;
}

const APPROVAL =
  'Only the program director, signed in as themselves, approves moonlighting: save it unapproved, or ask the ' +
  'program director';

/** Faculty and residents ask for swaps of their own items, and see and cancel their own swaps. */
function ownItemOnly(input: { item?: { personId: string }; personId?: string }, { account }: Scope): void {
  if (!PERSONAL_ROLES.includes(account.role)) return;
  const personId = input.item?.personId ?? input.personId;
  if (!account.personId || personId !== account.personId)
    throw forbidden(`${ROLE_LABELS[account.role]} accounts ask for swaps of their own calls and inpatient weeks only`);
}

async function ownSwapOnly(input: { swapId: number }, { account, program }: Scope): Promise<void> {
  if (!PERSONAL_ROLES.includes(account.role)) return;
  const swap = await swapParties(program, input.swapId);
  if (swap && (!account.personId || !swap.includes(account.personId)))
    throw forbidden(`${ROLE_LABELS[account.role]} accounts see and cancel only the swaps they are part of`);
}

/** Faculty and residents list (and count) only the swaps they are part of. */
function ownSwapsListed(input: { personId?: string }, scope: Scope): void {
  if (PERSONAL_ROLES.includes(scope.account.role)) ownItemOnly({ personId: input.personId ?? '' }, scope);
}

/**
 * The role an approval is given in: the signed-in account's (the administrator stands in for the
 * coordinator); without accounts (a program's first run, tools), the one asked for.
 */
export function swapApprovalRole(account: Account | null, asked: ApprovalRole | undefined): ApprovalRole {
  if (!account) return asked ?? 'coordinator';
  const role: ApprovalRole = account.role === 'program_director' ? 'program_director' : 'coordinator';
  if (asked && asked !== role)
    throw forbidden(
      `${ROLE_LABELS[account.role]} accounts approve swaps as the ${role.replace('_', ' ')}, not the ` +
        `${asked.replace('_', ' ')}`,
    );
  return role;
}

const INPUT_CHECKS: Partial<Record<MethodName, InputCheck>> = {
  'people.schedule': (input: { personId: string }, { account }: Scope) => {
    if (PERSONAL_ROLES.includes(account.role) && account.personId !== input.personId)
      throw forbidden(`${ROLE_LABELS[account.role]} accounts see their own schedule page only`);
  },
  'jobs.cancel': (input: { jobId: string }, { account, jobs }: Scope) => {
    if (DRAFTERS.includes(account.role)) return;
    let kind: string | null = null;
    try {
      kind = jobs?.status(input.jobId).kind ?? null;
    } catch {
      return; // an unknown job: jobs.cancel says so itself
    }
    if (kind !== 'export') throw forbidden(`${ROLE_LABELS[account.role]} accounts may stop only an export`);
  },
  'swaps.list': ownSwapsListed,
  'swaps.pending': ownSwapsListed,
  'swaps.get': ownSwapOnly,
  'swaps.cancel': ownSwapOnly,
  'swaps.items': ownItemOnly,
  'swaps.candidates': ownItemOnly,
  'swaps.request': ownItemOnly,
  'swaps.approve': (input: { role?: ApprovalRole }, { account }: Scope) => void swapApprovalRole(account, input.role),
  'swaps.execute': (input: { breakGlass: unknown }, { account }: Scope) => {
    if (input.breakGlass !== null && account.role !== 'program_director')
      throw forbidden(
        'Running a swap on or before the lock date (break-glass) needs the program director, signed in as themselves',
      );
  },
  'exports.calendars': ownScheduleOnly,
  'exports.pdf': ownScheduleOnly,
  async 'program.updateSettings'(changes: Partial<ProgramSettings>, { account, program }: Scope) {
    if (account.role === 'program_director') return;
    const before = await requireSettings(program);
    const forDirector = directorOnlyChanges(before, { ...before, ...changes });
    if (forDirector.length > 0)
      throw forbidden(`Only the program director, signed in as themselves, may approve ${forDirector.join(', ')}`);
  },
  'moonlighting.create': (input: { approved: boolean }, { account }: Scope) => {
    if (input.approved && account.role !== 'program_director') throw forbidden(APPROVAL);
  },
  async 'moonlighting.update'(input: { id: string; approved: boolean }, { account, program }: Scope) {
    if (account.role === 'program_director') return;
    // Anyone who may edit the entry may withdraw an approval or keep one; giving it is the PD's.
    if (input.approved && (await moonlightingApproval(program, input.id)) === false) throw forbidden(APPROVAL);
  },
  'drafts.publish': (input: { breakGlass: unknown }, { account }: Scope) => {
    if (input.breakGlass !== null && account.role !== 'program_director')
      throw forbidden(
        'Publishing changes on or before the lock date (break-glass) needs the program director, signed in as ' +
          'themselves',
      );
  },
};

/**
 * Whose moonlighting and callbacks an account sees: staff see everyone's (moonlighting.list),
 * residents and faculty their own; without accounts (first run, tools), everyone's.
 */
export function seesDutyOf(account: Account | null): (personId: string) => boolean {
  if (!account || !PERSONAL_ROLES.includes(account.role)) return () => true;
  return (personId) => account.personId !== null && personId === account.personId;
}

/** Refuse input the account's role may not use (throws ApiError 'forbidden'). */
export async function checkInput(method: MethodName, input: unknown, scope: Scope): Promise<void> {
  const check = INPUT_CHECKS[method] as ((input: unknown, scope: Scope) => void | Promise<void>) | undefined;
  await check?.(input, scope);
}
