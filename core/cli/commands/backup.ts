// `backup <subcommand>`: the program's backups from the command line (administrator): set the
// folder, take one now, list them, restore one (the current file is kept beside it).
import path from 'node:path';
import {
  DEFAULT_BACKUP_POLICY,
  keptFileName,
  listBackups,
  readBackupSettings,
  replaceWithBackup,
  takeBackup,
  verifyProgramCopy,
  writeBackupSettings,
} from '../../services/backups';
import { refuseProgramFile } from '../../services/output-files';
import { audit } from '../../services/audit';
import { openProgram, type Program } from '../../services/program';
import { commandGroup, runCommand, type CliCommand, type CliIo, type CommandBody } from '../command';
import { withSignedIn } from '../session';

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;

const folderUsage = `Usage: backup folder <db> <folder> | --off
Backups go to this folder after every publish and whenever the newest is a day old.`;

/** `backup folder <db> <folder>` or `backup folder <db> --off`. */
async function runFolder(argv: string[], io: CliIo): Promise<number> {
  const off = argv.includes('--off');
  const rest = argv.filter((a) => a !== '--off');
  if ((off && rest.length !== 1) || (!off && rest.length !== 2)) {
    io.err('error: give <db> and a folder, or <db> --off');
    io.err(folderUsage);
    return 2;
  }
  return runCommand(
    rest,
    io,
    { usage: folderUsage, options: {}, positionals: off ? ['db'] : ['db', 'folder'] },
    async (_v, [db, folder]) => {
      await withSignedIn(db, io, ['backups.configure'], async ({ program, actor }) => {
        const current = await readBackupSettings(program);
        const next = await writeBackupSettings(
          program,
          { ...current, folder: off ? null : path.resolve(folder) },
          actor,
        );
        io.out(next.folder ? `Backups of ${program.path} go to ${next.folder}` : 'Automatic backups are off');
      });
    },
  );
}

const run: CliCommand = {
  name: 'run',
  summary: 'Take a backup now',
  usage: 'Usage: backup run <db>',
  run: (argv, io) =>
    runCommand(argv, io, { usage: run.usage, options: {}, positionals: ['db'] }, async (_v, [db]) => {
      await withSignedIn(db, io, ['backups.run'], async ({ program }) => {
        const entry = await takeBackup(program, await readBackupSettings(program), 'manual');
        io.out(`Backed up to ${entry.file} (${kb(entry.bytes)}), checked`);
      });
    }),
};

const list: CliCommand = {
  name: 'list',
  summary: 'List the backups, newest first',
  usage: 'Usage: backup list <db> [--json]',
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      { usage: list.usage, options: { json: { type: 'boolean' } }, positionals: ['db'] },
      async (values, [db]) => {
        await withSignedIn(db, io, ['backups.status'], async ({ program }) => {
          const settings = await readBackupSettings(program);
          const backups = settings.folder ? listBackups(settings.folder, program.path) : [];
          if (values.json) return io.out(JSON.stringify({ settings, backups }, null, 2));
          io.out(
            settings.folder
              ? `Backup folder: ${settings.folder}`
              : 'No backup folder is set (backup folder <db> <folder>)',
          );
          for (const b of backups) io.out(`  ${b.at}  ${b.reason.padEnd(7)}  ${kb(b.bytes).padStart(9)}  ${b.file}`);
        });
      },
    ),
};

const restore: CliCommand = {
  name: 'restore',
  summary: 'Restore a backup in the place of the program (the current file is kept)',
  usage: `Usage: backup restore <db> <backup-file>
The backup is checked; the current program is kept beside it as …before-restore-….sqlite; then the
backup takes its place. Close the app on this program first.`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      { usage: restore.usage, options: {}, positionals: ['db', 'backup-file'] },
      async (_v, [db, file]) => {
        const source = path.resolve(file);
        let target = '';
        let keptAs = '';
        await withSignedIn(db, io, ['backups.restore'], async ({ program }) => {
          refuseProgramFile(source, program.path);
          verifyProgramCopy(source);
          target = program.path;
          keptAs = keptFileName(target, new Date());
          await program.backupTo(keptAs);
        });
        await replaceWithBackup(source, target);
        const reopened = await openProgram(target);
        try {
          await reopened.db.transaction().execute((trx) =>
            audit(trx, {
              actor: io.account ?? process.env.RS_ACCOUNT ?? 'cli',
              action: 'program.restore',
              entity: 'program',
              entityId: target,
              before: { keptAs },
              after: { restoredFrom: source },
            }),
          );
        } finally {
          await reopened.close();
        }
        io.out(`Restored ${target} from ${source}; the program as it was is kept as ${keptAs}`);
      },
    ),
};

const folder: CliCommand = {
  name: 'folder',
  summary: 'Set the backup folder (or --off)',
  usage: folderUsage,
  run: runFolder,
};

const SUBCOMMANDS = [folder, run, list, restore];

export const backupCommand: CommandBody = commandGroup(
  'backup',
  SUBCOMMANDS,
  `Backups kept by default: the ${DEFAULT_BACKUP_POLICY.keepLast} newest, then one a day for ` +
    `${DEFAULT_BACKUP_POLICY.daily} days, one a week for ${DEFAULT_BACKUP_POLICY.weekly} weeks, one a month for ` +
    `${DEFAULT_BACKUP_POLICY.monthly} months.`,
);

/** After a publish or rollback from the command line: the same backup the app takes, when a folder is set. */
export async function backupAfterPublish(program: Program, io: CliIo): Promise<void> {
  const settings = await readBackupSettings(program);
  if (!settings.folder) return;
  try {
    const entry = await takeBackup(program, settings, 'publish');
    io.out(`Backed up to ${entry.file}`);
  } catch (err) {
    io.err(`warning: the backup after publishing failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
