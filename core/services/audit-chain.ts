// The audit chain of an open program (core/db/audit-chain.ts): checked when the program opens
// and whenever an administrator asks; the last result is kept for the window's banner.
import { currentAuditKeyring } from '../db/audit-chain';
import { verifyAuditChain, type AuditChainReport } from '../db/audit-verify';
import type { Program } from './program';

export type { AuditChainProblem, AuditChainReport } from '../db/audit-verify';

export function checkAuditChain(program: Program): Promise<AuditChainReport> {
  return verifyAuditChain(program.db, currentAuditKeyring());
}
