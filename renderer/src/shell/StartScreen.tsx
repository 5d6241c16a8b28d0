// A workstation without a program (a program director's machine, a first start): the start page
// says so and offers what can be done here: open a review file (the review view, which needs no
// program), or make the workstation's program from the bundled demo or from a program file.
import FolderOpenOutlined from '@mui/icons-material/FolderOpenOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import type { ApiErrorData } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { CenteredCard } from '../ui/CenteredCard';
import { useSession } from '../state/session';
import { DEFAULT_ROUTE } from '../state/routeHash';
import { useApiQuery } from '../lib/useApiQuery';
import { Notifier } from './Notifier';
import { ShownView } from './ViewOutlet';
import { useNotify } from '../state/notify';
import { useRoute } from '../state/route';

export function StartScreen() {
  const view = useRoute((s) => s.view);
  return (
    <>
      {view === 'review' ? <ReviewWithoutProgram /> : <StartPage />}
      <Notifier />
    </>
  );
}

/** The review view on its own: there is no program, so no navigation around it. */
function ReviewWithoutProgram() {
  const go = useRoute((s) => s.go);
  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Stack
        direction="row"
        spacing={2}
        sx={{ alignItems: 'center', px: 3, py: 1, borderBottom: 1, borderColor: 'divider' }}
      >
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          Residency Scheduler · no program on this workstation
        </Typography>
        <Button size="small" onClick={() => go(DEFAULT_ROUTE.view)} data-testid="start-back">
          Back to the start page
        </Button>
      </Stack>
      <Box component="main" sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <ShownView view="review" />
      </Box>
    </Box>
  );
}

function errorText(error: ApiErrorData): string {
  return [error.message, ...(error.issues ?? []).map((i) => `${i.path}: ${i.message}`)].join('\n');
}

function Choice({ title, children, action }: { title: string; children: ReactNode; action: ReactNode }) {
  return (
    <Box>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.25 }}>
        {children}
      </Typography>
      {action}
    </Box>
  );
}

function StartPage() {
  const open = useRoute((s) => s.open);
  const load = useSession((s) => s.load);
  const canPick = useApiQuery('system:paths', () => api()['system.paths']({})).data?.canPick ?? false;
  const [programFile, setProgramFile] = useState('');
  const [busy, setBusy] = useState<'demo' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const openReview = async () => {
    if (!canPick) return open('review', {});
    try {
      const picked = await api()['system.pickPath']({
        kind: 'open',
        title: 'Open a review file',
        defaultPath: null,
        extensions: ['rsreview'],
      });
      if (picked.path !== null) open('review', { file: picked.path });
    } catch (err) {
      setError(errorText(toApiError(err)));
    }
  };

  /** Make the program, then the app opens on it (its sign-in, or its first-run administrator). */
  const make = async (which: 'demo' | 'import', run: () => Promise<{ path: string; warnings: unknown[] }>) => {
    setBusy(which);
    setError(null);
    try {
      const made = await run();
      useNotify
        .getState()
        .notify(
          made.warnings.length
            ? `Made the program ${made.path}; ${made.warnings.length} of its absences want a look (duplicates or ` +
                `overlaps).`
            : `Made the program ${made.path}.`,
          'success',
        );
      await load();
    } catch (err) {
      setError(errorText(toApiError(err)));
    } finally {
      setBusy(null);
    }
  };

  const chooseProgramFile = async () => {
    try {
      const picked = await api()['system.pickPath']({
        kind: 'open',
        title: 'Import a program file',
        defaultPath: programFile.trim() || null,
        extensions: ['json'],
      });
      if (picked.path !== null) setProgramFile(picked.path);
    } catch (err) {
      setError(errorText(toApiError(err)));
    }
  };
  const importFile = () => {
    if (!programFile.trim()) return setError('Give the program file (.json) to import');
    void make('import', () => api()['program.importFile']({ path: programFile.trim() }));
  };

  return (
    <CenteredCard
      title="No program on this workstation"
      maxWidth={640}
      intro={
        'This workstation has no program database yet. Reviewing a draft needs none: open the review file you ' +
        'were sent. To schedule here, make the program first.'
      }
    >
      <Stack spacing={2.5} divider={<Divider flexItem />}>
        <Choice
          title="Review a draft"
          action={
            <Button
              variant="contained"
              startIcon={<FolderOpenOutlined />}
              onClick={() => void openReview()}
              data-testid="start-open-review"
            >
              Open a review file…
            </Button>
          }
        >
          A draft sent for review as a .rsreview file: read it, comment, approve or request changes, and save the
          response for the coordinator.
        </Choice>
        <Choice
          title="Try the app on the demo program"
          action={
            <Button
              variant="outlined"
              onClick={() => void make('demo', () => api()['program.createFromDemo']({}))}
              disabled={busy !== null}
              data-testid="start-demo"
            >
              {busy === 'demo' ? 'Creating…' : 'Create a program from the demo'}
            </Button>
          }
        >
          A copy of the bundled demo program with a year scheduled. It has one account per role, all with the password
          demo-password.
        </Choice>
        <Choice
          title="Bring a program here"
          action={
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
              <TextField
                fullWidth
                size="small"
                value={programFile}
                onChange={(e) => {
                  setProgramFile(e.target.value);
                  setError(null);
                }}
                onKeyDown={(e) => e.key === 'Enter' && importFile()}
                placeholder="…/program.json"
                disabled={busy !== null}
                slotProps={{
                  htmlInput: { 'aria-label': 'Program file', 'data-testid': 'start-import-path', spellCheck: false },
                }}
              />
              {canPick && (
                <Button
                  variant="outlined"
                  startIcon={<FolderOpenOutlined />}
                  onClick={() => void chooseProgramFile()}
                  disabled={busy !== null}
                  sx={{ flex: '0 0 auto' }}
                  data-testid="start-import-browse"
                >
                  Browse…
                </Button>
              )}
              <Button
                variant="outlined"
                onClick={importFile}
                disabled={busy !== null}
                sx={{ flex: '0 0 auto' }}
                data-testid="start-import"
              >
                {busy === 'import' ? 'Importing…' : 'Import'}
              </Button>
            </Box>
          }
        >
          Import a program file (.json, the exchange format the command line’s export writes) from another workstation.
          Programs in that format carry no accounts: you create the administrator next.
        </Choice>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 2.5, whiteSpace: 'pre-line' }} data-testid="start-error">
          {error}
        </Alert>
      )}
    </CenteredCard>
  );
}
