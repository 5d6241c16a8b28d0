// Accounts and roles: who may sign in to a program and what part they play in it. What each role
// may do is the role matrix in core/api/permissions.ts; this file only names the roles.

/** Every role, from the most to the least powerful in the program's running. */
export const ROLES = [
  'administrator',
  'coordinator',
  'program_director',
  'chief_resident',
  'faculty',
  'resident',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  coordinator: 'Coordinator',
  program_director: 'Program director',
  chief_resident: 'Chief resident',
  faculty: 'Faculty',
  resident: 'Resident',
};

/** Roles that act for one person of the program: they see and export that person's own schedule. */
export const PERSONAL_ROLES: readonly Role[] = ['faculty', 'resident'];

/** A role's label in a sentence ("a coordinator", "an administrator"). */
export function roleWithArticle(role: Role): string {
  const label = ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

/** What people type to sign in: no spaces, so it reads the same in a log and on a command line. */
export const USERNAME_PATTERN = /^[\p{L}\p{N}._@-]{1,64}$/u;
export const USERNAME_RULE = 'an account name is 1 to 64 letters, digits and . _ @ - (no spaces)';

/** An account as everyone but the password check sees it (no hash). */
export interface Account {
  id: number;
  /** What the person types to sign in; unique in the program, compared without case. */
  username: string;
  displayName: string;
  role: Role;
  /** The person of the program this account acts for (faculty and residents; optional otherwise). */
  personId: string | null;
  disabled: boolean;
  /** Locked after repeated failed sign-ins until this instant (ISO), or null. */
  lockedUntil: string | null;
  failedSignIns: number;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}
