// The Import view: an edited block sheet workbook (from Export → Block sheets) back into the
// program. Preview first: every change against the published schedule, or every problem by sheet
// and cell (then nothing can be imported); then "Import as draft" writes one draft, all or nothing,
// and offers to open it in the Schedule.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ApiErrorData, XlsxImportPreview, XlsxImportResult } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useAcademicYear, useProgram } from '../state/program';
import { useRoute } from '../state/route';
import { useCan } from '../state/session';
import { Page } from '../ui/Page';
import { AbsenceImportSection } from './AbsenceImportSection';
import { FileToPreview } from './FileToPreview';
import { PeopleImportSection } from './PeopleImportSection';
import { plural } from '../lib/words';
import { ProblemList } from './ProblemList';

/** Rows shown in the change table; the counts always say how many there are. */
const SHOWN_CHANGES = 400;

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** "2 half-days, 1 call night and 1 rotation". */
function changeCounts({ counts, rotationEdits }: XlsxImportPreview): string {
  return (
    `${plural(counts.cells, 'half-day')}, ${plural(counts.calls, 'call night')} and ` +
    `${plural(rotationEdits.length, 'rotation')}`
  );
}

function ChangeTable({ preview }: { preview: XlsxImportPreview }) {
  const who = (id: string) => preview.names[id] ?? id;
  const rows = [
    ...preview.rotationEdits.map((r) => ({
      key: `rotation|${r.sheet}!${r.cell}`,
      date: `Block ${r.blockNumber}`,
      what: `Rotation (${r.sheet}!${r.cell})`,
      person: who(r.personId),
      before: r.before || '—',
      after: r.after || '—',
    })),
    ...preview.diff.calls.map((c) => ({
      key: `call|${c.date}|${c.callTypeCode}`,
      date: c.date,
      what: `${c.callTypeCode} call`,
      person: '',
      before: c.before.map((b) => who(b.personId)).join(', ') || '—',
      after: c.after.map((a) => who(a.personId)).join(', ') || '—',
    })),
    ...preview.diff.cells.map((c) => ({
      key: `${c.personId}|${c.date}|${c.half}`,
      date: c.date,
      what: c.half,
      person: who(c.personId),
      before: c.before?.activityCode ?? '—',
      after: c.after?.activityCode ?? '—',
    })),
  ];
  return (
    <Box sx={{ maxHeight: 420, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" stickyHeader aria-label="Changes the import makes">
        <TableHead>
          <TableRow>
            <TableCell>Date</TableCell>
            <TableCell>Half / call</TableCell>
            <TableCell>Person</TableCell>
            <TableCell>Published</TableCell>
            <TableCell>Imported</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.slice(0, SHOWN_CHANGES).map((r) => (
            <TableRow key={r.key} data-testid="import-change">
              <TableCell>{r.date}</TableCell>
              <TableCell>{r.what}</TableCell>
              <TableCell>{r.person}</TableCell>
              <TableCell sx={{ color: 'text.secondary' }}>{r.before}</TableCell>
              <TableCell sx={{ fontWeight: 600 }}>{r.after}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {rows.length > SHOWN_CHANGES && (
        <Typography variant="caption" color="text.secondary" sx={{ p: 1, display: 'block' }}>
          {`Showing ${SHOWN_CHANGES} of ${rows.length} changes; the draft holds them all.`}
        </Typography>
      )}
    </Box>
  );
}

export function ImportView() {
  const open = useRoute((s) => s.open);
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [preview, setPreview] = useState<XlsxImportPreview | null>(null);
  const [result, setResult] = useState<XlsxImportResult | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);

  const run = async <T,>(what: 'preview' | 'import', work: () => Promise<T>): Promise<T | null> => {
    setBusy(what);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(toApiError(err));
      return null;
    } finally {
      setBusy(null);
    }
  };
  const doPreview = async () => {
    setResult(null);
    setPreview(null);
    const p = await run('preview', () => api()['imports.xlsxPreview']({ path: path.trim() }));
    if (p) {
      setPreview(p);
      setName(`Import of ${fileName(p.file)}`);
    }
  };
  const doImport = async () => {
    const r = await run('import', () => api()['imports.xlsx']({ path: path.trim(), name: name.trim() || undefined }));
    if (r) {
      setResult(r);
      setPreview(null);
    }
  };
  const changes = preview ? preview.counts.cells + preview.counts.calls + preview.rotationEdits.length : 0;
  const mayImportAbsences = useCan('imports.absencesPreview');
  const mayImportPeople = useCan('imports.peoplePreview');
  const year = useAcademicYear();
  const yearLabel = useProgram((s) => s.info?.academicYears.find((y) => y.id === year)?.label ?? null);

  return (
    <Page
      title="Import"
      subtitle={
        'An edited block sheet workbook back as a draft you review before publishing, and absences and ' +
        'people from a spreadsheet.'
      }
    >
      <Paper variant="outlined" sx={{ p: 2.5, maxWidth: 1100 }} data-testid="import-view">
        <Typography variant="subtitle1" sx={{ fontWeight: 650 }}>
          Block sheet workbook (.xlsx)
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          A workbook from Export → Block sheets, edited in Excel or LibreOffice. People are matched by the Id column,
          else by name; columns by their date and AM/PM headers. Nothing is written until you import, and then all of it
          or nothing.
        </Typography>
        <FileToPreview
          path={path}
          disabled={busy !== null}
          placeholder="Full path of the .xlsx file"
          label="Workbook to import"
          testId="import"
          dialogTitle="Import a block sheet workbook"
          extensions={['xlsx']}
          onChange={(value) => {
            setPath(value);
            setPreview(null);
          }}
          onPreview={() => void doPreview()}
        />
        {busy && (
          <LinearProgress sx={{ mt: 2 }} aria-label={busy === 'preview' ? 'Reading the workbook' : 'Importing'} />
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="import-error">
            {error.message}
          </Alert>
        )}
        {result && (
          <Alert
            severity="success"
            sx={{ mt: 2 }}
            data-testid="import-done"
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => open('schedule', { draft: String(result.draft.id) })}
                data-testid="import-open-draft"
              >
                Open the draft
              </Button>
            }
          >
            {`Imported as draft ${result.draft.id} “${result.draft.name}”: ${changeCounts(result.preview)}. Review ` +
              `and publish it from Drafts.`}
          </Alert>
        )}
        {preview && (
          <Box sx={{ mt: 2.5 }} data-testid="import-result">
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 1.5 }}>
              {preview.sheets.map((s) => (
                <Chip
                  key={s.name}
                  size="small"
                  label={`${s.name}: ${s.start} – ${s.end}, ${plural(s.people, 'person', 'people')}`}
                />
              ))}
              {preview.skipped.map((s) => (
                <Chip
                  key={s.sheet}
                  size="small"
                  variant="outlined"
                  label={`${s.sheet}: not imported`}
                  title={s.reason}
                />
              ))}
            </Box>
            {preview.problems.length > 0 ? (
              <ProblemList problems={preview.problems} testId="import-problem" />
            ) : changes === 0 ? (
              <Alert severity="info" data-testid="import-nothing">
                The workbook matches the published schedule: there is nothing to import.
              </Alert>
            ) : (
              <>
                <Typography variant="body2" sx={{ mb: 1 }} data-testid="import-summary">
                  {`${changeCounts(preview)} change, for ${plural(preview.counts.people, 'person', 'people')}.`}
                </Typography>
                <ChangeTable preview={preview} />
                <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 2 }}>
                  <TextField
                    size="small"
                    label="Draft name"
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                    disabled={busy !== null}
                    sx={{ width: 360 }}
                    slotProps={{ htmlInput: { 'data-testid': 'import-name', maxLength: 120 } }}
                  />
                  <Button
                    variant="contained"
                    onClick={() => void doImport()}
                    disabled={busy !== null}
                    data-testid="import-run"
                  >
                    Import as draft
                  </Button>
                </Box>
              </>
            )}
          </Box>
        )}
      </Paper>
      {mayImportAbsences && <AbsenceImportSection />}
      {mayImportPeople && year !== null && yearLabel && <PeopleImportSection year={year} yearLabel={yearLabel} />}
    </Page>
  );
}
