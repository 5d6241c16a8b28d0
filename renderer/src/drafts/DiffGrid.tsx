// The block grid in diff mode: a draft over the published schedule with added, changed and
// removed slots outlined (removed ones show the old code struck through; hover for the old value).
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { DraftDiff } from '../../../core/api/contract';
import { api } from '../api';
import { formatRange, todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { BlockGrid } from '../schedule/BlockGrid';
import { useDraftGrid } from '../schedule/useDraftGrid';
import { LoadError } from '../ui/LoadError';
import { academicYearOf, changesPerBlock } from './diffBlocks';

const KEY: { kind: string; label: string; color: string }[] = [
  { kind: 'added', label: 'Added', color: '#15803d' },
  { kind: 'changed', label: 'Changed', color: '#c2410c' },
  { kind: 'removed', label: 'Cleared', color: '#b91c1c' },
  { kind: 'relocked', label: 'Lock only', color: '#6d28d9' },
];

export function DiffGrid({ draftId, diff }: { draftId: number; diff: DraftDiff }) {
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

  return (
    <Box>
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
      </Stack>
      {error && <LoadError what={error.what} error={error.error} onRetry={error.retry} />}
      <Box sx={{ height: 2 }}>{loading && <LinearProgress sx={{ height: 2 }} />}</Box>
      <Box sx={{ height: 520, display: 'flex', flexDirection: 'column' }}>
        {model && (
          <BlockGrid
            model={model}
            today={todayIso()}
            label={`Changes in block ${block?.number ?? ''}`}
            marks={marks}
            markStyle="diff"
            scrollToDate={diff.cells.find((c) => range && c.date >= range.start && c.date <= range.end)?.date ?? null}
          />
        )}
      </Box>
    </Box>
  );
}
