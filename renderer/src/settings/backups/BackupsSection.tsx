// Settings › Backups: when the last good backup was made and what is wrong now; the folder and
// how many are kept (administrator); backing up now; and the backups, each with a guided restore.
import FolderOpenOutlined from '@mui/icons-material/FolderOpenOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { BackupEntry, BackupPolicy, BackupStatus } from '../../../../core/api/contract';
import { useCan } from '../../state/session';
import { api, toApiError } from '../../api';
import { useApiQuery } from '../../lib/useApiQuery';
import { ago } from '../../lib/dates';
import { NumberField } from '../NumberField';
import { numberTexts, readNumbers } from '../numbers';
import { SettingsSection } from '../SettingsSection';
import { useSectionForm } from '../useSectionForm';
import { useNotify } from '../../state/notify';
import { LoadError } from '../../ui/LoadError';
import { RestoreDialog } from './RestoreDialog';
import { REASON_WORDS, backupProblem, fileNameOf, sizeWords } from './words';

const TITLE = 'Backups';
/** Backups after a publish are taken in the background: the status is read again now and then, */
const REFRESH_MS = 60_000;
/** … and often while one is being taken, to show it when it is done. */
const WHILE_RUNNING_MS = 1_000;

const POLICY_FIELDS: {
  key: keyof BackupPolicy;
  label: string;
  unit: string;
  help: string;
  max: number;
  min: number;
}[] = [
  { key: 'keepLast', label: 'Keep the newest', unit: 'backups', help: 'Kept whatever their age.', min: 1, max: 100 },
  { key: 'daily', label: 'One a day for', unit: 'days', help: 'The newest of each day.', min: 0, max: 60 },
  { key: 'weekly', label: 'One a week for', unit: 'weeks', help: 'The newest of each week.', min: 0, max: 52 },
  { key: 'monthly', label: 'One a month for', unit: 'months', help: 'The newest of each month.', min: 0, max: 120 },
  {
    key: 'maxAgeHours',
    label: 'Back up when older than',
    unit: 'hours',
    help: 'Older than this is overdue: a warning until one is made.',
    min: 1,
    max: 720,
  },
];

export function useBackupStatus(enabled: boolean) {
  const status = useApiQuery<BackupStatus>(enabled ? 'backups' : null, () => api()['backups.status']({}));
  const { reload } = status;
  const running = !!status.data?.running;
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setInterval(reload, running ? WHILE_RUNNING_MS : REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [enabled, reload, running]);
  return status;
}

export function BackupsSection() {
  const status = useBackupStatus(true);
  if (status.error && !status.data)
    return <LoadError error={status.error} onRetry={status.reload} what="the backups" />;
  if (!status.data) return <CircularProgress size={20} aria-label="Reading the backups" />;
  return (
    <Stack spacing={2.5}>
      <BackupsNow status={status.data} onChange={status.reload} />
      <BackupSettingsForm status={status.data} onSaved={status.reload} />
    </Stack>
  );
}

function BackupsNow({ status, onChange }: { status: BackupStatus; onChange(): void }) {
  const mayRun = useCan('backups.run');
  const mayRestore = useCan('backups.restore');
  const [running, setRunning] = useState(false);
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const notify = useNotify((s) => s.notify);
  const fail = useNotify((s) => s.fail);
  const now = new Date();
  const problem = backupProblem(status, now);
  const last = status.lastGood;

  async function backUpNow() {
    setRunning(true);
    try {
      const entry = await api()['backups.run']({});
      notify(`Backed up and checked: ${fileNameOf(entry.file)} (${sizeWords(entry.bytes)})`, 'success');
    } catch (err) {
      fail(err, 'The backup failed');
    } finally {
      setRunning(false);
      onChange();
    }
  }

  return (
    <Paper variant="outlined" sx={{ p: 2.5, maxWidth: 980 }} aria-label="Backups now" component="section">
      <Typography variant="h6" component="h2">
        {TITLE}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 2, maxWidth: 760 }}>
        A checked copy of the whole program is made after every publish and whenever the newest is older than the policy
        allows, into a folder the administrator chooses (a second disk, a removable drive, a share).
      </Typography>
      <Typography variant="body1" data-testid="backup-last-good">
        {last ? (
          <>
            Last good backup: <strong>{new Date(last.at).toLocaleString()}</strong> ({ago(last.at, now.getTime())},{' '}
            {REASON_WORDS[last.reason]}, {sizeWords(last.bytes)})
          </>
        ) : (
          'No backup has been made yet.'
        )}
      </Typography>
      {problem && (
        <Alert
          severity={problem.kind === 'off' ? 'info' : 'warning'}
          sx={{ mt: 1.5 }}
          data-testid="backup-problem"
          data-kind={problem.kind}
        >
          {problem.message}
        </Alert>
      )}
      {mayRun && (
        <Button
          variant="outlined"
          sx={{ mt: 2 }}
          onClick={() => void backUpNow()}
          disabled={running || status.running || !status.settings.folder}
          startIcon={running || status.running ? <CircularProgress size={14} color="inherit" /> : null}
        >
          Back up now
        </Button>
      )}
      {status.backups.length > 0 && (
        <Box sx={{ mt: 2, overflowX: 'auto' }}>
          <Table size="small" aria-label="Backups">
            <TableHead>
              <TableRow>
                <TableCell>Made</TableCell>
                <TableCell>Why</TableCell>
                <TableCell align="right">Size</TableCell>
                <TableCell>File</TableCell>
                {mayRestore && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {status.backups.map((b) => (
                <TableRow key={b.file} data-testid="backup-row">
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(b.at).toLocaleString()}</TableCell>
                  <TableCell>{REASON_WORDS[b.reason]}</TableCell>
                  <TableCell align="right">{sizeWords(b.bytes)}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                    {fileNameOf(b.file)}
                  </TableCell>
                  {mayRestore && (
                    <TableCell align="right">
                      <Button size="small" onClick={() => setRestoring(b)}>
                        Restore…
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </Paper>
  );
}

type Form = { folder: string } & Record<keyof BackupPolicy, string>;

function BackupSettingsForm({ status, onSaved }: { status: BackupStatus; onSaved(): void }) {
  const mayConfigure = useCan('backups.configure');
  const f = useSectionForm<Form>({ folder: status.settings.folder ?? '', ...numberTexts(status.settings.policy) });
  const paths = useApiQuery('system.paths', () => api()['system.paths']({}));
  const notify = useNotify((s) => s.notify);
  if (!mayConfigure) return null;

  async function browse() {
    try {
      const { path } = await api()['system.pickPath']({
        kind: 'folder',
        title: 'Keep the backups in…',
        defaultPath: f.form.folder || null,
        extension: null,
      });
      if (path !== null) f.set({ folder: path });
    } catch (err) {
      useNotify.getState().fail(err, 'Could not open the folder dialog');
    }
  }

  async function save(folder: string | null) {
    const rules = Object.fromEntries(
      POLICY_FIELDS.map((p) => [p.key, { integer: true, min: p.min, max: p.max }]),
    ) as Record<keyof BackupPolicy, { integer: true; min: number; max: number }>;
    const read = readNumbers(f.form, rules);
    if (!read.values) return f.setErrors(read.errors);
    f.setSaving(true);
    try {
      await api()['backups.configure']({ folder, policy: read.values });
      notify(folder ? `Backups go to ${folder}` : 'Automatic backups are off', 'success');
      if (folder === null) f.set({ folder: '' });
      onSaved();
    } catch (err) {
      const data = toApiError(err);
      const fields: Record<string, string> = {};
      const other: string[] = [];
      for (const issue of data.issues ?? []) {
        const key = issue.path.replace(/^policy\./, '');
        if (key === 'folder' || POLICY_FIELDS.some((p) => p.key === key)) fields[key] = issue.message;
        else other.push(`${issue.path}: ${issue.message}`);
      }
      f.setErrors(fields, Object.keys(fields).length || other.length ? other : [data.message]);
    } finally {
      f.setSaving(false);
    }
  }

  return (
    <SettingsSection
      title="Where backups go and how many are kept"
      summary={
        'Choose a folder that is not on the program’s own disk. Old backups are removed: the newest few are ' +
        'kept, then one a day, a week and a month.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save(f.form.folder.trim() || null)}
      onDiscard={f.discard}
    >
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 2 }}>
        <TextField
          fullWidth
          label="Backup folder"
          value={f.form.folder}
          onChange={(e) => f.set({ folder: e.target.value })}
          error={!!f.errors.folder}
          helperText={f.errors.folder ?? 'A full path to a folder that exists. Empty: no automatic backups.'}
          slotProps={{
            htmlInput: { spellCheck: false, 'data-testid': 'backup-folder' },
            input: { sx: { fontFamily: 'monospace', fontSize: 12.5 } },
          }}
        />
        {paths.data?.canPick && (
          <Button
            variant="outlined"
            startIcon={<FolderOpenOutlined />}
            onClick={() => void browse()}
            sx={{ flex: '0 0 auto', mt: 1 }}
          >
            Browse…
          </Button>
        )}
        {status.settings.folder && (
          <Button onClick={() => void save(null)} disabled={f.saving} sx={{ flex: '0 0 auto', mt: 1 }}>
            Turn off
          </Button>
        )}
      </Box>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        {POLICY_FIELDS.map((p) => (
          <NumberField
            key={p.key}
            id={`backup-${p.key}`}
            label={p.label}
            unit={p.unit}
            help={p.help}
            value={f.form[p.key]}
            error={f.errors[p.key]}
            onChange={(v) => f.set({ [p.key]: v } as Partial<Form>)}
            width={200}
          />
        ))}
      </Stack>
    </SettingsSection>
  );
}
