// The coordinator's side of offline review, on a draft: Send for review (a signed review file),
// Import response (comments and the decision come back onto the draft), the decisions with a
// stale one's changes since, and the comments with resolve / unresolve.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import Link from '@mui/material/Link';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { DraftSummary, ReviewResponseSummary } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useCan } from '../state/session';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import { useCommentJump } from '../grid/commentJump';
import { commentTarget } from '../grid/commentMarks';
import { anchorText } from './reviewModel';
import { plural } from '../lib/words';

function PathDialog(props: {
  title: string;
  label: string;
  initial: string;
  action: string;
  testId: string;
  onClose(): void;
  run(path: string): Promise<void>;
}) {
  const [path, setPath] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return setError('Give the file');
    setBusy(true);
    try {
      await props.run(path.trim());
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      component="form"
      onSubmit={submit}
      aria-labelledby={`${props.testId}-title`}
    >
      <DialogTitle id={`${props.testId}-title`}>{props.title}</DialogTitle>
      <DialogContent>
        <TextField
          label={props.label}
          fullWidth
          autoFocus
          value={path}
          onChange={(e) => (setPath(e.target.value), setError(null))}
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { 'data-testid': `${props.testId}-path`, spellCheck: false } }}
        />
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid={`${props.testId}-error`}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={busy} data-testid={`${props.testId}-go`}>
          {props.action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function ResponseLine({ r }: { r: ReviewResponseSummary }) {
  return (
    <Box
      sx={{ mb: 1.5 }}
      data-testid="review-response"
      data-decision={r.decision}
      data-stale={r.stale ? 'true' : 'false'}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Chip
          size="small"
          color={r.decision === 'approve' ? 'success' : 'warning'}
          label={r.decision === 'approve' ? 'Approved' : 'Changes requested'}
        />
        <Typography variant="body2">
          by <b>{r.reviewer}</b> on {r.respondedAt.slice(0, 10)} (revision {r.draftRevision})
          {r.reason ? `: ${r.reason}` : ''}
        </Typography>
        {r.stale && <Chip size="small" variant="outlined" color="error" label="Stale" />}
      </Stack>
      {r.stale && <StaleNotice stale={r.stale} />}
    </Box>
  );
}

/** A response to an older revision of the draft: what changed since the reviewer saw it. */
function StaleNotice({ stale }: { stale: NonNullable<ReviewResponseSummary['stale']> }) {
  return (
    <Alert severity="warning" variant="outlined" sx={{ mt: 1 }} data-testid="review-stale">
      This answers revision {stale.reviewedRevision}; the draft is at revision {stale.currentRevision}, with{' '}
      {plural(stale.changes, 'change')} since:
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {stale.changed.slice(0, 20).map((c, i) => (
          <li key={i}>
            {c.what} {c.personId} {c.date}
            {c.half ? ` ${c.half}` : ''}: {c.then ?? 'as published'} → {c.now ?? 'as published'}
          </li>
        ))}
      </Box>
      {stale.changes > 20 ? `… and ${stale.changes - 20} more.` : ''}
    </Alert>
  );
}

export function DraftReviewPanel({
  draft,
  exportFolder,
  nameOf,
}: {
  draft: DraftSummary;
  exportFolder: string | null;
  nameOf(id: string): string;
}) {
  const state = useApiQuery(`review-state:${draft.id}`, () => api()['reviews.state']({ draftId: draft.id }));
  const maySend = useCan('reviews.export');
  const mayImport = useCan('reviews.importResponse');
  const mayResolve = useCan('reviews.resolveComment');
  const [dialog, setDialog] = useState<'send' | 'import' | null>(null);
  const jump = useCommentJump((x) => x.jump);
  const s = state.data?.draftId === draft.id ? state.data : null;
  const open = draft.status === 'open';
  const fileName = `${draft.name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'draft'}.rsreview`;
  const initial = exportFolder ? `${exportFolder}${exportFolder.includes('\\') ? '\\' : '/'}${fileName}` : fileName;
  const resolve = async (commentId: number, resolved: boolean) => {
    try {
      await api()['reviews.resolveComment']({ commentId, resolved });
    } catch (err) {
      useNotify.getState().fail(err, 'Could not change the comment');
    }
  };
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="review-section">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="h6" sx={{ flex: 1 }}>
          Review by the program director
        </Typography>
        {s?.approved && <Chip color="success" label="Approved as it is now" data-testid="review-approved" />}
        {open && maySend && (
          <Button variant="outlined" onClick={() => setDialog('send')} data-testid="send-for-review">
            Send for review…
          </Button>
        )}
        {mayImport && (
          <Button variant="outlined" onClick={() => setDialog('import')} data-testid="import-response">
            Import response…
          </Button>
        )}
      </Stack>
      {s && s.sent.length === 0 && s.responses.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Not sent for review yet.
        </Typography>
      )}
      {s && s.sent.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="review-sent">
          Sent {s.sent.length === 1 ? 'once' : `${s.sent.length} times`}; last: file{' '}
          {s.sent[s.sent.length - 1].shortHash} (revision {s.sent[s.sent.length - 1].revision}) by{' '}
          {s.sent[s.sent.length - 1].exportedBy}.
        </Typography>
      )}
      {s?.responses.map((r) => (
        <ResponseLine key={r.id} r={r} />
      ))}
      {s && s.comments.length > 0 && (
        <>
          <Typography variant="subtitle2" sx={{ mt: 1 }}>
            Comments ({s.comments.filter((c) => !c.resolvedAt).length} open)
          </Typography>
          <List dense disablePadding>
            {s.comments.map((c) => (
              <ListItem
                key={c.id}
                data-testid="draft-comment"
                data-resolved={c.resolvedAt ? 'true' : 'false'}
                secondaryAction={
                  mayResolve && (
                    <Button size="small" onClick={() => void resolve(c.id, !c.resolvedAt)}>
                      {c.resolvedAt ? 'Reopen' : 'Resolve'}
                    </Button>
                  )
                }
              >
                <Typography variant="body2" sx={{ pr: 10, textDecoration: c.resolvedAt ? 'line-through' : 'none' }}>
                  {commentTarget(c) ? (
                    <Link
                      component="button"
                      type="button"
                      variant="body2"
                      sx={{ fontWeight: 700, verticalAlign: 'baseline' }}
                      onClick={() => jump(c)}
                      title="Show these cells in the grid below"
                      data-testid="comment-jump"
                    >
                      {anchorText(c.anchor, nameOf)}
                    </Link>
                  ) : (
                    <b>{anchorText(c.anchor, nameOf)}</b>
                  )}{' '}
                  — {c.author}: {c.text}
                  {c.resolvedAt ? ` (resolved by ${c.resolvedBy})` : ''}
                </Typography>
              </ListItem>
            ))}
          </List>
        </>
      )}
      {dialog === 'send' && (
        <PathDialog
          title={`Send “${draft.name}” for review`}
          label="Save the review file as"
          initial={initial}
          action="Write review file"
          testId="send-review"
          onClose={() => setDialog(null)}
          run={async (path) => {
            const sent = await api()['reviews.export']({ draftId: draft.id, path });
            setDialog(null);
            useNotify
              .getState()
              .notify(`Wrote ${sent.path} (review ${sent.shortHash}). Give it to the program director.`, 'success');
          }}
        />
      )}
      {dialog === 'import' && (
        <PathDialog
          title="Import a review response"
          label="Response file (.rsresponse)"
          initial=""
          action="Import"
          testId="import-review"
          onClose={() => setDialog(null)}
          run={async (path) => {
            const { response } = await api()['reviews.importResponse']({ path });
            setDialog(null);
            const what = response.decision === 'approve' ? 'approved' : 'asked for changes';
            useNotify
              .getState()
              .notify(
                `${response.reviewer} ${what}${response.stale ? ' (an older version: stale)' : ''}; ` +
                  `${plural(response.comments, 'comment')}.`,
                response.stale ? 'warning' : 'success',
              );
          }}
        />
      )}
    </Paper>
  );
}
