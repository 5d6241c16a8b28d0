// backups.* handlers: the backup status every schedule owner sees, and the administrator's set-up,
// backup now and guided restore (createCore provides the scheduler and the restore, which
// switches the open program file).
import { writeBackupSettings } from '../../services/backups';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import { ApiError, type HandlersOf } from '../kit';

type Methods = Pick<Contract, Extract<keyof Contract, `backups.${string}`>>;

export function backupHandlers(ctx: Pick<HandlerContext, 'program' | 'actor' | 'backups'>): HandlersOf<Methods> {
  const backups = () => {
    if (!ctx.backups)
      throw new ApiError('rejected', 'Backups are taken by the app around an open program; this tool has none');
    return ctx.backups;
  };
  return {
    'backups.status': () => backups().scheduler.status(),
    async 'backups.configure'({ folder, policy }) {
      const control = backups();
      await writeBackupSettings(ctx.program(), { folder, policy }, ctx.actor);
      // A new folder: take the first backup there now if one is due.
      control.scheduler.checkOverdue();
      return control.scheduler.status();
    },
    'backups.run': () => backups().scheduler.run('manual'),
    'backups.restore': ({ file }) => backups().restore(file, ctx.actor),
  };
}
