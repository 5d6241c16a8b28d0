// Absences from a coordinator's spreadsheet (.xlsx or .csv): preview every absence the file adds,
// or every problem by sheet and cell; then add them all in one step, or none.
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
import type { AbsenceImportPreview, ApiErrorData } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { FileToPreview } from './FileToPreview';
import { ProblemList } from './ProblemList';

function partText(part: AbsenceImportPreview['rows'][number]['part']): string {
  if (!part) return 'All day';
  return typeof part === 'string' ? part : `${part.start}–${part.end}`;
}

export function AbsenceImportSection() {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<AbsenceImportPreview | null>(null);
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
      setPreview(await api()['imports.absencesPreview']({ path: path.trim() }));
    });
  const doImport = () =>
    call(async () => {
      const { created } = await api()['imports.absences']({ path: path.trim() });
      setAdded(created.length);
      setPreview(null);
    });

  return (
    <Paper variant="outlined" sx={{ p: 2.5, maxWidth: 1100, mt: 2.5 }} data-testid="import-absences">
      <Typography variant="subtitle1" sx={{ fontWeight: 650 }}>
        Absences from a spreadsheet (.xlsx or .csv)
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        One absence per row under a header row: Name (or Id), Type, First day, and as needed Last day, AM/PM, Approved
        (yes/no) and Note, in any order. Each absence is checked as if entered by hand; any problem and none is added.
      </Typography>
      <FileToPreview
        path={path}
        disabled={busy}
        placeholder="Full path of the .xlsx or .csv file"
        label="Absence file to import"
        testId="import-absences"
        dialogTitle="Import absences from a spreadsheet"
        extensions={['xlsx', 'csv']}
        onChange={(value) => {
          setPath(value);
          setPreview(null);
        }}
        onPreview={() => void doPreview()}
      />
      {busy && <LinearProgress sx={{ mt: 2 }} aria-label="Reading the absences" />}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="import-absences-error">
          {error.message}
        </Alert>
      )}
      {added !== null && (
        <Alert severity="success" sx={{ mt: 2 }} data-testid="import-absences-done">
          {`Added ${added} absence(s). They are in the Absences view.`}
        </Alert>
      )}
      {preview &&
        (preview.problems.length > 0 ? (
          <Box sx={{ mt: 2 }}>
            <ProblemList problems={preview.problems} testId="import-absences-problem" />
          </Box>
        ) : (
          <Box sx={{ mt: 2 }}>
            <Box sx={{ maxHeight: 360, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
              <Table size="small" stickyHeader aria-label="Absences the import adds">
                <TableHead>
                  <TableRow>
                    {['Row', 'Person', 'Type', 'First day', 'Last day', 'Part', 'Status'].map((h) => (
                      <TableCell key={h}>{h}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.rows.map((r) => (
                    <TableRow key={r.at} data-testid="import-absences-row">
                      <TableCell sx={{ color: 'text.secondary' }}>{r.at}</TableCell>
                      <TableCell>{r.personName}</TableCell>
                      <TableCell>{r.type}</TableCell>
                      <TableCell>{r.start}</TableCell>
                      <TableCell>{r.end}</TableCell>
                      <TableCell>{partText(r.part)}</TableCell>
                      <TableCell>{r.status}</TableCell>
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
              data-testid="import-absences-run"
            >
              {`Add ${preview.rows.length} absence(s)`}
            </Button>
          </Box>
        ))}
    </Paper>
  );
}
