// The block grid in diff mode: a draft over the published schedule with added, changed and
// removed slots outlined (removed ones show the old code struck through; hover for the old value).
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { DraftDiff } from '../../../core/api/contract';
import type { HalfDay } from '../../../core/domain/types';
import { api } from '../api';
import { formatRange, formatShortDate, todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { BlockGrid } from '../grid/BlockGrid';
import { useDraftGrid } from '../grid/useDraftGrid';
import { LoadError } from '../ui/LoadError';
import { academicYearOf } from '../lib/academicYear';
import { changesPerBlock } from './diffBlocks';
import { useCommentJump } from '../grid/commentJump';
import { commentMarks, commentTarget } from '../grid/commentMarks';
import { cellKey } from '../grid/gridModel';

const KEY: { kind: string; label: string; color: string }[] = [
  { kind: 'added', label: 'Added', color: '#15803d' },
  { kind: 'changed', label: 'Changed', color: '#c2410c' },
  { kind: 'removed', label: 'Cleared', color: '#b91c1c' },
  { kind: 'relocked', label: 'Lock only', color: '#6d28d9' },
];

/** The slot whose comments are listed under the grid (clicked, or the first of a comment jumped to). */
interface PickedSlot {
  personId: string;
  date: string;
  half: HalfDay;
}

export function DiffGrid({ draftId, diff, nameOf }: { draftId: number; diff: DraftDiff; nameOf(id: string): string }) {
  const firstDate = diff.cells[0]?.date ?? diff.calls[0]?.date ?? diff.inpatientWeeks[0]?.start ?? todayIso();
  const year = academicYearOf(firstDate);
  const blocksQuery = useApiQuery(`blocks:${year}`, () => api()['blocks.list']({ academicYear: year }));
  const blocks = useMemo(() => blocksQuery.data ?? [], [blocksQuery.data]);
  const perBlock = useMemo(() => changesPerBlock(diff, blocks), [diff, blocks]);
  const [chosen, setChosen] = useState<number | null>(null);
  const firstChanged = blocks.find((b) => perBlock.has(b.number)) ?? blocks[0];
  const block = blocks.find((b) => b.number === chosen) ?? firstChanged ?? null;
  const range = block ? { start: block.start, end: block.end } : null;
  const { model, marks, loading, error } = useDraftGrid(range, draftId, blocks);
  const i = block ? blocks.indexOf(block) : -1;

  const review = useApiQuery(`review-state:${draftId}`, () => api()['reviews.state']({ draftId }));
  const comments = useMemo(
    () => commentMarks(review.data?.draftId === draftId ? review.data.comments : []),
    [review.data, draftId],
  );
  const [picked, setPicked] = useState<PickedSlot | null>(null);
  const pickedNotes = picked ? comments.get(cellKey(picked.personId, picked.date, picked.half)) : undefined;
  const pending = useCommentJump((s) => (s.target?.draftId === draftId ? s.target : null));
  const clearPending = useCommentJump((s) => s.clear);
  const [jump, setJump] = useState<{ commentId: number; personId: string; date: string; tick: number } | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // A jump from the comments panel: the block of the comment's first cell, scrolled to and ringed.
  useEffect(() => {
    if (!pending || !blocks.length) return;
    clearPending();
    const to = commentTarget(pending.comment);
    if (!to) return;
    const b = blocks.find((x) => x.start <= to.date && to.date <= x.end);
    if (b) setChosen(b.number);
    const anchor = pending.comment.anchor;
    setJump({ commentId: pending.comment.id, ...to, tick: pending.tick });
    setPicked({ ...to, half: anchor.kind === 'cells' && anchor.half ? anchor.half : 'AM' });
    rootRef.current?.scrollIntoView({ block: 'start' });
  }, [pending, blocks, clearPending]);
  /** The mark the comments were opened from (a click or Enter/Space on it): focus goes back there. */
  const opener = useRef<PickedSlot | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const cell = target.closest<HTMLElement>('[role="gridcell"][data-comment]');
    const { personId, date, half } = cell?.dataset ?? {};
    if (!personId || !date || !half) return;
    const slot = { personId, date, half: half as HalfDay };
    setPicked(slot);
    if (!target.closest('.bg-comment-mark')) return;
    opener.current = slot;
    // The comments are read where they open; the panel is rendered by the time the frame is drawn.
    requestAnimationFrame(() => panelRef.current?.focus());
  };
  const closePicked = () => {
    setPicked(null);
    const from = opener.current;
    opener.current = null;
    if (!from) return;
    const slot = `[data-person-id="${CSS.escape(from.personId)}"][data-date="${from.date}"][data-half="${from.half}"]`;
    rootRef.current?.querySelector<HTMLElement>(`[role="gridcell"]${slot} .bg-comment-mark`)?.focus();
  };
  const targetInRange = jump && range && jump.date >= range.start && jump.date <= range.end ? jump : null;

  return (
    <Box ref={rootRef} className="diff-grid" sx={{ scrollMarginTop: 16 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <IconButton
          size="small"
          aria-label="Previous block"
          disabled={i <= 0}
          onClick={() => setChosen(blocks[i - 1].number)}
        >
          <ChevronLeft />
        </IconButton>
        <TextField
          select
          label="Block"
          value={block ? String(block.number) : ''}
          onChange={(e) => setChosen(Number(e.target.value))}
          sx={{ minWidth: 300 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'diff-block-picker' } as object } }}
        >
          {blocks.map((b) => (
            <MenuItem key={b.number} value={String(b.number)}>
              Block {b.number} · {formatRange(b.start, b.end)}
              {perBlock.get(b.number) ? ` · ${perBlock.get(b.number)} changes` : ''}
            </MenuItem>
          ))}
        </TextField>
        <IconButton
          size="small"
          aria-label="Next block"
          disabled={i < 0 || i >= blocks.length - 1}
          onClick={() => setChosen(blocks[i + 1].number)}
        >
          <ChevronRight />
        </IconButton>
        <Box sx={{ flex: 1 }} />
        {KEY.map((k) => (
          <Stack key={k.kind} direction="row" spacing={0.75} sx={{ alignItems: 'center', mr: 1.5 }}>
            <Box sx={{ width: 22, height: 14, border: `2px solid ${k.color}`, borderRadius: '3px' }} />
            <Typography variant="caption" color="text.secondary">
              {k.label}
            </Typography>
          </Stack>
        ))}
        {comments.size > 0 && (
          <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', mr: 1.5 }}>
            <Box sx={{ width: 0, height: 0, borderTop: '9px solid #2563eb', borderRight: '9px solid transparent' }} />
            <Typography variant="caption" color="text.secondary">
              Comment
            </Typography>
          </Stack>
        )}
      </Stack>
      {error && <LoadError what={error.what} error={error.error} onRetry={error.retry} />}
      <Box sx={{ height: 2 }}>{loading && <LinearProgress sx={{ height: 2 }} />}</Box>
      <Box sx={{ height: 520, display: 'flex', flexDirection: 'column' }} onClick={onClick}>
        {jump && (
          <style>
            {`.diff-grid .bg-cell[data-comment-ids~="${jump.commentId}"] { outline: 2px solid #2563eb; ` +
              `outline-offset: -2px; }`}
          </style>
        )}
        {model && (
          <BlockGrid
            model={model}
            today={todayIso()}
            label={`Changes in block ${block?.number ?? ''}`}
            marks={marks}
            markStyle="diff"
            scrollToDate={
              targetInRange?.date ??
              diff.cells.find((c) => range && c.date >= range.start && c.date <= range.end)?.date ??
              null
            }
            scrollKey={jump?.tick ?? 0}
            scrollToPersonId={targetInRange?.personId ?? null}
            comments={comments}
          />
        )}
      </Box>
      {picked && pickedNotes && (
        <Alert
          ref={panelRef}
          severity="info"
          variant="outlined"
          sx={{ mt: 1, '&:focus-visible': { outline: '2px solid #2563eb' } }}
          onClose={closePicked}
          onKeyDown={(e) => e.key === 'Escape' && closePicked()}
          tabIndex={-1}
          aria-label={`Comments on ${nameOf(picked.personId)}, ${formatShortDate(picked.date)} ${picked.half}`}
          data-testid="cell-comments"
        >
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {nameOf(picked.personId)}, {formatShortDate(picked.date)} {picked.half}
          </Typography>
          {pickedNotes.map((n) => (
            <Typography
              key={n.id}
              variant="body2"
              data-testid="cell-comment"
              sx={{ textDecoration: n.resolved ? 'line-through' : 'none' }}
            >
              {n.author}: {n.text}
              {n.resolved ? ' (resolved)' : ''}
            </Typography>
          ))}
        </Alert>
      )}
    </Box>
  );
}
