// People from a coordinator's spreadsheet (.xlsx or .csv): preview everyone the file adds, or every
// problem by sheet and cell; then add them all in one step, or nobody. PGY levels are for the
// academic year selected in the app.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ApiErrorData, PeopleImportPreview } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { KIND_LABELS, ROLE_LABELS } from '../lib/labels';
import { FileToPreview } from './FileToPreview';
import { ProblemList } from './ProblemList';

export function PeopleImportSection({ year, yearLabel }: { year: number; yearLabel: string }) {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<PeopleImportPreview | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);

  const call = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const doPreview = () =>
    call(async () => {
      setAdded(null);
      setPreview(null);
      setPreview(await api()['imports.peoplePreview']({ path: path.trim(), academicYear: year }));
    });
  const doImport = () =>
    call(async () => {
      const { created } = await api()['imports.people']({ path: path.trim(), academicYear: year });
      setAdded(created.length);
      setPreview(null);
    });

  return (
    <Paper variant="outlined" sx={{ p: 2.5, maxWidth: 1100, mt: 2.5 }} data-testid="import-people">
      <Typography variant="subtitle1" sx={{ fontWeight: 650 }}>
        People from a spreadsheet (.xlsx or .csv)
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {`One person per row under a header row: Name, and Kind (resident, faculty, student, intern) or a PGY level or a faculty Role, with E-mail and Active as needed, in any order. PGY levels are for ${yearLabel}. Each person is checked as if added by hand; any problem and nobody is added.`}
      </Typography>
      <FileToPreview
        path={path}
        disabled={busy}
        placeholder="Full path of the .xlsx or .csv file"
        label="People file to import"
        testId="import-people"
        dialogTitle="Import people from a spreadsheet"
        extensions={['xlsx', 'csv']}
        onChange={(value) => {
          setPath(value);
          setPreview(null);
        }}
        onPreview={() => void doPreview()}
      />
      {busy && <LinearProgress sx={{ mt: 2 }} aria-label="Reading the people" />}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="import-people-error">
          {error.message}
        </Alert>
      )}
      {added !== null && (
        <Alert severity="success" sx={{ mt: 2 }} data-testid="import-people-done">
          {`Added ${added} people. They are in the People view.`}
        </Alert>
      )}
      {preview &&
        (preview.problems.length > 0 ? (
          <Box sx={{ mt: 2 }}>
            <ProblemList problems={preview.problems} testId="import-people-problem" />
          </Box>
        ) : (
          <Box sx={{ mt: 2 }}>
            <Box sx={{ maxHeight: 360, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
              <Table size="small" stickyHeader aria-label="People the import adds">
                <TableHead>
                  <TableRow>
                    {['Row', 'Name', 'Kind', 'PGY', 'Role', 'E-mail', 'Active'].map((h) => (
                      <TableCell key={h}>{h}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.rows.map((r) => (
                    <TableRow key={r.at} data-testid="import-people-row">
                      <TableCell sx={{ color: 'text.secondary' }}>{r.at}</TableCell>
                      <TableCell>{r.name}</TableCell>
                      <TableCell>{KIND_LABELS[r.kind]}</TableCell>
                      <TableCell>{r.pgy ?? '—'}</TableCell>
                      <TableCell>{r.facultyRole ? ROLE_LABELS[r.facultyRole] : '—'}</TableCell>
                      <TableCell>{r.email ?? '—'}</TableCell>
                      <TableCell>{r.active ? 'yes' : 'no'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
            <Button
              variant="contained"
              sx={{ mt: 2 }}
              onClick={() => void doImport()}
              disabled={busy}
              data-testid="import-people-run"
            >
              {`Add ${preview.rows.length} people`}
            </Button>
          </Box>
        ))}
    </Paper>
  );
}
