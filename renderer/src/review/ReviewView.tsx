// Review mode (issue 18): a program director opens a review file sent by the coordinator and
// sees the draft read-only (the diff grid, per-person changes, churn, findings, a summary), adds
// comments anchored to cells, a person, a finding or the whole draft, decides (approve or ask for
// changes, with their name and a reason) and saves a signed response file. Nothing here reads or
// changes the program open in this app: everything comes from the file.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import FolderOpenOutlined from '@mui/icons-material/FolderOpenOutlined';
import { useEffect, useMemo, useState } from 'react';
import type { CommentAnchor, Decision, OpenedReview } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useSession } from '../state/session';
import { formatRange, todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { BlockGrid } from '../grid/BlockGrid';
import type { Selection } from '../grid/selection';
import { useNotify } from '../state/notify';
import { useRoute } from '../state/route';
import { Page } from '../ui/Page';
import { PageSection as Section } from '../ui/PageSection';
import { SeverityChip } from '../ui/SeverityChip';
import { pct, plural } from '../lib/words';
import { CommentDialog } from './CommentDialog';
import { anchorOfSelection, anchorText, reviewGrid } from './reviewModel';

const responsePathFor = (reviewPath: string) => reviewPath.replace(/(\.rsreview)?$/i, '-response.rsresponse');

interface OpenFormProps {
  /** The file that could not be opened, and why. */
  failed: { path: string; message: string } | null;
  busy: boolean;
  onOpen(path: string): void;
}

function OpenForm({ failed, busy, onOpen }: OpenFormProps) {
  const [path, setPath] = useState(failed?.path ?? '');
  const [error, setError] = useState<string | null>(failed?.message ?? null);
  const canPick = useApiQuery('system:paths', () => api()['system.paths']({})).data?.canPick ?? false;
  const open = () => (path.trim() ? onOpen(path.trim()) : setError('Give the review file (.rsreview) you were sent'));
  const choose = async () => {
    try {
      const picked = await api()['system.pickPath']({
        kind: 'open',
        title: 'Open a review file',
        defaultPath: path.trim() || null,
        extensions: ['rsreview'],
      });
      if (picked.path !== null) onOpen(picked.path);
    } catch (err) {
      setError(toApiError(err).message);
    }
  };
  return (
    <Page
      title="Open a review"
      subtitle="A draft sent for review as a file: read-only, with comments and your decision saved as a response file."
    >
      <Paper variant="outlined" sx={{ p: 2, maxWidth: 760 }}>
        <Stack spacing={2}>
          <TextField
            label="Review file"
            placeholder="…/draft.rsreview"
            value={path}
            onChange={(e) => (setPath(e.target.value), setError(null))}
            onKeyDown={(e) => e.key === 'Enter' && open()}
            slotProps={{ htmlInput: { 'data-testid': 'review-path', spellCheck: false } }}
          />
          {error && (
            <Alert severity="error" data-testid="review-open-error">
              {error}
            </Alert>
          )}
          <Stack direction="row" spacing={1}>
            {canPick && (
              <Button
                variant="contained"
                startIcon={<FolderOpenOutlined />}
                onClick={() => void choose()}
                disabled={busy}
                data-testid="review-choose"
              >
                Choose a review file…
              </Button>
            )}
            <Button
              variant={canPick ? 'outlined' : 'contained'}
              onClick={open}
              disabled={busy}
              data-testid="review-open"
            >
              Open review
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </Page>
  );
}

interface DraftComment {
  anchor: CommentAnchor;
  text: string;
}

/**
 * The review file is in the route (`#/review?file=…`), so File > Open review, a double-clicked
 * file (the desktop app sets the route) and the form here all open it the same way.
 */
export function ReviewView() {
  const fileInRoute = useRoute((s) => s.query.file ?? null);
  const setQuery = useRoute((s) => s.setQuery);
  const [file, setFile] = useState<{ path: string; opened: OpenedReview } | null>(null);
  const [failed, setFailed] = useState<{ path: string; message: string } | null>(null);
  useEffect(() => {
    if (!fileInRoute) return;
    let live = true;
    setFailed(null);
    api()
      ['reviews.open']({ path: fileInRoute })
      .then(
        (opened) => live && setFile({ path: fileInRoute, opened }),
        (err: unknown) => {
          if (!live) return;
          setFailed({ path: fileInRoute, message: toApiError(err).message });
          setQuery({ file: null });
        },
      );
    return () => {
      live = false;
    };
  }, [fileInRoute, setQuery]);
  const shown = file && file.path === fileInRoute ? file : null;
  if (!shown)
    return (
      <OpenForm
        key={failed ? `${failed.path}\n${failed.message}` : 'open'}
        failed={failed}
        busy={fileInRoute !== null}
        onOpen={(path) => setQuery({ file: path })}
      />
    );
  return (
    <OpenedReviewPage
      key={shown.opened.hash}
      path={shown.path}
      opened={shown.opened}
      onClose={() => {
        setFile(null);
        setQuery({ file: null });
      }}
    />
  );
}

function OpenedReviewPage({ path, opened, onClose }: { path: string; opened: OpenedReview; onClose(): void }) {
  const r = opened.review;
  const c = r.comparison;
  const v = c.validation;
  const account = useSession((s) => s.status?.account ?? null);
  const names = useMemo(() => new Map(r.people.map((p) => [p.id, p.name])), [r.people]);
  const nameOf = (id: string) => names.get(id) ?? id;
  const findings = useMemo(() => new Map((v?.added ?? []).map((f) => [f.id, f.message])), [v]);
  const grid = useMemo(() => reviewGrid(r), [r]);
  const blocks = useMemo(
    () => (grid ? r.blocks.filter((b) => b.end >= grid.model.start && b.start <= grid.model.end) : []),
    [grid, r.blocks],
  );
  const [blockNo, setBlockNo] = useState<number | null>(null);
  const block =
    blocks.find((b) => b.number === blockNo) ??
    blocks.find((b) => c.diff.cells.some((x) => x.date >= b.start && x.date <= b.end)) ??
    blocks[0];
  const blockGrid = useMemo(() => {
    if (!grid || !block || !r.grid) return null;
    const start = block.start > r.grid.start ? block.start : r.grid.start;
    const end = block.end < r.grid.end ? block.end : r.grid.end;
    return reviewGrid({ ...r, grid: { ...r.grid, start, end } });
  }, [grid, block, r]);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [comments, setComments] = useState<DraftComment[]>([]);
  const [commenting, setCommenting] = useState<CommentAnchor | null>(null);
  const [decision, setDecision] = useState<Decision>('approve');
  const [by, setBy] = useState(account?.displayName ?? '');
  const [reason, setReason] = useState('');
  const [out, setOut] = useState(responsePathFor(path));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<{ path: string; shortHash: string } | null>(null);
  const selected = blockGrid ? anchorOfSelection(blockGrid.model, selection) : null;
  const k = c.counts;
  /** Entries of one kind the draft adds, changes or clears. */
  const changed = (n: { added: number; changed: number; removed: number }) => n.added + n.changed + n.removed;

  const print = async () => {
    try {
      const made = await api()['reviews.pdf']({ reviewPath: path, path: path.replace(/(\.rsreview)?$/i, '.pdf') });
      useNotify.getState().notify(`Printed the review to ${made.path} (${plural(made.pages, 'page')}).`, 'success');
    } catch (err) {
      useNotify.getState().fail(err, 'Could not print the review');
    }
  };

  const save = async () => {
    const problems: Record<string, string> = {};
    if (!by.trim()) problems.by = 'Your name, as you sign the decision';
    if (decision === 'request_changes' && !reason.trim()) problems.reason = 'Say what should change';
    if (!out.trim()) problems.out = 'Where to save the response';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    try {
      const result = await api()['reviews.respond']({
        reviewPath: path,
        path: out.trim(),
        decision,
        by: by.trim(),
        reason: reason.trim(),
        comments,
      });
      setSaved({ path: result.path, shortHash: result.shortHash });
      useNotify.getState().notify(`Saved the response to ${result.path}. Send it back to the coordinator.`, 'success');
    } catch (err) {
      useNotify.getState().fail(err, 'Could not save the response');
    }
  };

  return (
    <Page
      title={`Review: ${r.draft.name}`}
      subtitle={
        `${r.programName} · sent by ${r.exportedBy} on ${r.exportedAt.slice(0, 10)} · revision ` +
        `${r.draft.revision} · file ${opened.shortHash}`
      }
      actions={
        <>
          <Button onClick={() => void print()} data-testid="review-print">
            Print (PDF)
          </Button>
          <Button onClick={onClose}>Close review</Button>
        </>
      }
    >
      <Alert severity="info" sx={{ mb: 2 }} data-testid="review-readonly">
        Read-only review, from the file: the signature checked out (program key {opened.signerKeyId}). Nothing here
        changes any schedule.
      </Alert>
      <Section title="Summary" testId="review-summary">
        <Typography variant="body2" data-testid="review-counts">
          {plural(changed(k.cells), 'slot')} changed ({k.cells.changed} changed, {k.cells.added} added,{' '}
          {k.cells.removed} cleared) · {plural(changed(k.calls), 'call night')} ·{' '}
          {plural(changed(k.inpatientWeeks), 'inpatient week')} · {plural(changed(k.rotations), 'plan block')}
        </Typography>
        <Typography variant="body2" data-testid="review-churn">
          Churn {pct(c.churn.totalPct)} of {c.churn.publishedSlots} published slots,{' '}
          {plural(c.churn.peopleAffected, 'person', 'people')} affected ({c.churn.verdict})
        </Typography>
        <Typography variant="body2">
          {v
            ? `${plural(v.added.length, 'new finding')} (${v.unresolved} blocking, not acknowledged), ` +
              `${plural(v.removed.length, 'finding')} resolved`
            : 'Not checked against the rules'}
          {c.lockedChanges ? ` · ${plural(c.lockedChanges, 'change')} on or before the lock date ${c.lockDate}` : ''}
        </Typography>
        {r.draft.note && <Typography variant="body2">Note: {r.draft.note}</Typography>}
      </Section>

      <Section title="Findings" testId="review-findings">
        {v?.added.length ? (
          <List dense disablePadding>
            {v.added.map((f) => (
              <ListItem
                key={f.id}
                data-testid="review-finding"
                secondaryAction={
                  <Button size="small" onClick={() => setCommenting({ kind: 'finding', findingId: f.id })}>
                    Comment
                  </Button>
                }
              >
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', pr: 10 }}>
                  <SeverityChip severity={f.severity} />
                  <Typography variant="body2">
                    {f.message}
                    {f.acknowledgement ? ` (acknowledged: ${f.acknowledgement.reason})` : ''}
                  </Typography>
                </Stack>
              </ListItem>
            ))}
          </List>
        ) : (
          <Typography variant="body2" color="text.secondary">
            The draft adds no finding.
          </Typography>
        )}
      </Section>

      {blockGrid && block && (
        <Section
          title="Changes in the grid"
          testId="review-grid"
          action={
            <Button
              size="small"
              variant="outlined"
              disabled={!selected}
              onClick={() => selected && setCommenting(selected)}
              data-testid="comment-selection"
            >
              Comment on the selected cells
            </Button>
          }
        >
          <TextField
            select
            size="small"
            label="Block"
            value={String(block.number)}
            onChange={(e) => (setBlockNo(Number(e.target.value)), setSelection(null))}
            sx={{ mb: 1, minWidth: 280 }}
          >
            {blocks.map((b) => (
              <MenuItem key={b.number} value={String(b.number)}>
                Block {b.number} · {formatRange(b.start, b.end)}
              </MenuItem>
            ))}
          </TextField>
          <Box
            sx={{
              height: Math.min(520, 120 + blockGrid.model.rows.length * 34),
              display: 'flex',
              flexDirection: 'column',
            }}
          >
            <BlockGrid
              model={blockGrid.model}
              today={todayIso()}
              label={`Changes in block ${block.number}`}
              marks={blockGrid.marks}
              markStyle="diff"
              selection={selection}
              onSelectionChange={setSelection}
              scrollToDate={c.diff.cells.find((x) => x.date >= block.start && x.date <= block.end)?.date ?? null}
            />
          </Box>
        </Section>
      )}

      <Section title="Per person" testId="review-people">
        <Table size="small" aria-label="Changes per person">
          <TableHead>
            <TableRow>
              <TableCell>Person</TableCell>
              <TableCell align="right">Slots changed</TableCell>
              <TableCell align="right">Churn</TableCell>
              <TableCell align="right">Calls</TableCell>
              <TableCell align="right">Inpatient weeks</TableCell>
              <TableCell align="right">Plan blocks</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {c.churn.people.map((p) => (
              <TableRow key={p.personId} data-testid="review-person">
                <TableCell>{nameOf(p.personId)}</TableCell>
                <TableCell align="right">
                  {p.changedSlots} of {p.publishedSlots}
                </TableCell>
                <TableCell align="right">{pct(p.pct)}</TableCell>
                <TableCell align="right">{p.changedCalls}</TableCell>
                <TableCell align="right">{p.changedInpatientWeeks}</TableCell>
                <TableCell align="right">{p.changedRotations}</TableCell>
                <TableCell align="right">
                  <Button size="small" onClick={() => setCommenting({ kind: 'person', personId: p.personId })}>
                    Comment
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>

      <Section
        title="Your comments"
        testId="review-comments"
        action={
          <Button size="small" onClick={() => setCommenting({ kind: 'draft' })} data-testid="comment-draft">
            Comment on the whole draft
          </Button>
        }
      >
        {comments.length ? (
          <List dense disablePadding>
            {comments.map((x, i) => (
              <ListItem
                key={i}
                data-testid="review-comment"
                secondaryAction={
                  <IconButton
                    aria-label="Remove the comment"
                    onClick={() => setComments(comments.filter((_, j) => j !== i))}
                  >
                    <DeleteOutline />
                  </IconButton>
                }
              >
                <Typography variant="body2">
                  <b>{anchorText(x.anchor, nameOf, (id) => findings.get(id))}</b>: {x.text}
                </Typography>
              </ListItem>
            ))}
          </List>
        ) : (
          <Typography variant="body2" color="text.secondary">
            None yet. Select cells in the grid, or use Comment beside a person or a finding.
          </Typography>
        )}
      </Section>

      <Section title="Decision" testId="review-decision">
        <Stack spacing={2} sx={{ maxWidth: 760 }}>
          <RadioGroup row value={decision} onChange={(e) => setDecision(e.target.value as Decision)}>
            <FormControlLabel value="approve" control={<Radio />} label="Approve" />
            <FormControlLabel value="request_changes" control={<Radio />} label="Request changes" />
          </RadioGroup>
          <TextField
            label="Your name"
            value={by}
            onChange={(e) => setBy(e.target.value)}
            error={!!errors.by}
            helperText={errors.by}
          />
          <TextField
            label={decision === 'approve' ? 'Reason (optional)' : 'Reason'}
            multiline
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={!!errors.reason}
            helperText={errors.reason}
          />
          <TextField
            label="Save the response as"
            value={out}
            onChange={(e) => setOut(e.target.value)}
            error={!!errors.out}
            helperText={errors.out}
            slotProps={{ htmlInput: { 'data-testid': 'response-path', spellCheck: false } }}
          />
          <Box>
            <Button variant="contained" onClick={() => void save()} data-testid="save-response">
              Save response
            </Button>
          </Box>
          {saved && (
            <Alert severity="success" data-testid="response-saved">
              Saved {saved.path} (response {saved.shortHash}). Give this file to the coordinator to import.
            </Alert>
          )}
        </Stack>
      </Section>

      {commenting && (
        <CommentDialog
          about={anchorText(commenting, nameOf, (id) => findings.get(id))}
          onClose={() => setCommenting(null)}
          onAdd={(text) => {
            setComments([...comments, { anchor: commenting, text }]);
            setCommenting(null);
          }}
        />
      )}
    </Page>
  );
}
