// Builds the reference demo program (fixed seed, the academic year containing today) into
// dist/demo/demo-program.sqlite. Written to a temporary file first and renamed into place, so
// a reader never sees a half-written database.
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { academicYearOf } from '../core/domain/calendar';
import { generateProgram } from '../core/demo/generate';
import { randomBytes } from 'node:crypto';
import { auditKey, setAuditKeyring } from '../core/db/audit-chain';
import { removeDatabaseFiles } from '../core/db/open';
import { openProgram, writeProgramData } from '../core/services/program';
import { addAccounts } from '../core/services/accounts';
import { PASSWORD_COST } from '../core/services/passwords';
import { demoAccounts, DEMO_PASSWORD } from '../core/demo/accounts';

export const DEMO_SEED = 20260701;
const outDir = path.resolve('dist/demo');
const outFile = path.join(outDir, 'demo-program.sqlite');

async function main() {
  const started = performance.now();
  // The demo's audit entries are sealed with a key made for this build and thrown away: no key
  // lands in the builder's user folder, and every workstation counts them as sealed elsewhere.
  const buildKey = auditKey(randomBytes(32));
  setAuditKeyring({ current: buildKey, all: [buildKey], source: 'a key made for the demo build' });
  const academicYear = academicYearOf(DateTime.now().toISODate()!);
  fs.mkdirSync(outDir, { recursive: true });
  const temp = `${outFile}.tmp-${process.pid}`;
  removeDatabaseFiles(temp);
  const program = await openProgram(temp, { create: true });
  try {
    const data = generateProgram({ seed: DEMO_SEED, academicYear });
    await writeProgramData(program, data, 'demo:build');
    // One account per role, documented in the README (password DEMO_PASSWORD).
    await addAccounts(program, demoAccounts(data, academicYear), DEMO_PASSWORD, 'demo:build', PASSWORD_COST);
  } finally {
    // Closing the last connection checkpoints the WAL into the file and removes the -wal file.
    await program.close();
  }
  // A stale -wal/-shm beside the old file would be replayed into the new one: remove them first.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(outFile + suffix, { force: true });
  fs.renameSync(temp, outFile);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`Wrote ${outFile} (AY ${academicYear}, seed ${DEMO_SEED}) in ${seconds} s`);
}

main().catch((err) => {
  console.error(`demo:build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
