// Child process of backups.test.ts: opens the program and takes backups into the folder, one
// after another, saying "backing up" before each. The parent kills it (SIGKILL) at a random moment.
import { readBackupSettings, takeBackup } from '../../core/services/backups';
import { openProgram } from '../../core/services/program';

const [file, folder] = process.argv.slice(2);
const program = await openProgram(file);
const settings = { ...(await readBackupSettings(program)), folder };
for (let i = 0; ; i++) {
  process.stdout.write('backing up\n');
  // A later time for each, so every copy has its own name.
  await takeBackup(program, settings, 'manual', new Date(Date.UTC(2030, 0, 1, 0, 0, i)));
  process.stdout.write('done\n');
}
