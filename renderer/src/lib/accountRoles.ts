// Words for the account roles (the renderer imports only types from core, so the words live here;
// the Record makes the compiler check every role has them).
import type { Role } from '../../../core/api/contract';

export const ACCOUNT_ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  coordinator: 'Coordinator',
  program_director: 'Program director',
  chief_resident: 'Chief resident',
  faculty: 'Faculty',
  resident: 'Resident',
};

export const ACCOUNT_ROLE_HELP: Record<Role, string> = {
  administrator: 'Manages accounts and backups; can also do everything a coordinator does.',
  coordinator: 'Builds drafts, generates, publishes and rolls back within the lock date; manages people and absences.',
  program_director:
    'Everything a coordinator does, and alone approves switching off an ACGME rule, moving the lock date and ' +
    'break-glass.',
  chief_resident: 'Sees the whole program and builds drafts (for example the call schedule); does not publish.',
  faculty: 'Sees the published schedule and exports their own calendar.',
  resident: 'Sees the published schedule and exports their own calendar.',
};

/** Roles that act for one person of the program (the person must be chosen). */
export const PERSONAL_ROLES: readonly Role[] = ['faculty', 'resident'];
