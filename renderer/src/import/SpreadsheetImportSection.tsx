// One list import from a coordinator's spreadsheet (.xlsx or .csv), as the absence and people
// sections use it: a file, Preview (every row the file adds with its place, or every problem by
// sheet and cell), then one button that adds every row, or none. The caller gives the columns of the
// preview table and the two API calls.
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
import { type ReactNode, useState } from 'react';
import type { ApiErrorData, SheetProblem } from '../../../core/api/contract';
import { toApiError } from '../api';
import { FileToPreview } from './FileToPreview';
import { ProblemList } from './ProblemList';

export interface ImportColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
}

export interface SpreadsheetImportSectionProps<Row extends { at: string }> {
  /** Prefix of every test id: "import-people" → "import-people-row", "import-people-run"… */
  testId: string;
  title: string;
  description: string;
  /** What the file holds, for the file field and the dialog: "Absence file to import". */
  fileLabel: string;
  dialogTitle: string;
  /** Said while the file is read: "Reading the absences". */
  reading: string;
  /** The preview table's accessible name: "Absences the import adds". */
  tableLabel: string;
  columns: ImportColumn<Row>[];
  preview: (path: string) => Promise<{ rows: Row[]; problems: SheetProblem[] }>;
  run: (path: string) => Promise<{ created: unknown[] }>;
  /** The button: "Add 3 absences". */
  addLabel: (rows: number) => string;
  /** After the import: "Added 3 absences. They are in the Absences view." */
  doneText: (added: number) => string;
}

export function SpreadsheetImportSection<Row extends { at: string }>(props: SpreadsheetImportSectionProps<Row>) {
  const { testId } = props;
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ rows: Row[]; problems: SheetProblem[] } | null>(null);
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
      setPreview(await props.preview(path.trim()));
    });
  const doImport = () =>
    call(async () => {
      const { created } = await props.run(path.trim());
      setAdded(created.length);
      setPreview(null);
    });

  return (
    <Paper variant="outlined" sx={{ p: 2.5, maxWidth: 1100, mt: 2.5 }} data-testid={testId}>
      <Typography variant="subtitle1" sx={{ fontWeight: 650 }}>
        {props.title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {props.description}
      </Typography>
      <FileToPreview
        path={path}
        disabled={busy}
        placeholder="Full path of the .xlsx or .csv file"
        label={props.fileLabel}
        testId={testId}
        dialogTitle={props.dialogTitle}
        extensions={['xlsx', 'csv']}
        onChange={(value) => {
          setPath(value);
          setPreview(null);
        }}
        onPreview={() => void doPreview()}
      />
      {busy && <LinearProgress sx={{ mt: 2 }} aria-label={props.reading} />}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid={`${testId}-error`}>
          {error.message}
        </Alert>
      )}
      {added !== null && (
        <Alert severity="success" sx={{ mt: 2 }} data-testid={`${testId}-done`}>
          {props.doneText(added)}
        </Alert>
      )}
      {preview &&
        (preview.problems.length > 0 ? (
          <Box sx={{ mt: 2 }}>
            <ProblemList problems={preview.problems} testId={`${testId}-problem`} />
          </Box>
        ) : (
          <Box sx={{ mt: 2 }}>
            <Box sx={{ maxHeight: 360, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
              <Table size="small" stickyHeader aria-label={props.tableLabel}>
                <TableHead>
                  <TableRow>
                    <TableCell>Row</TableCell>
                    {props.columns.map((c) => (
                      <TableCell key={c.header}>{c.header}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.rows.map((r) => (
                    <TableRow key={r.at} data-testid={`${testId}-row`}>
                      <TableCell sx={{ color: 'text.secondary' }}>{r.at}</TableCell>
                      {props.columns.map((c) => (
                        <TableCell key={c.header}>{c.cell(r)}</TableCell>
                      ))}
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
              data-testid={`${testId}-run`}
            >
              {props.addLabel(preview.rows.length)}
            </Button>
          </Box>
        ))}
    </Paper>
  );
}
