// The Schedule view: pick a block (or the whole year) of the selected academic year and see the
// block grid for it, with its legend. The grid shows the published schedule or, with `draft=<id>`
// in the URL, that draft laid over it; every edit goes into the draft (a new one on the first edit).
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import TodayOutlined from '@mui/icons-material/TodayOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { type ComponentType, useState } from 'react';
import { api } from '../api';
import { useCan } from '../state/session';
import { useEditingDraftId } from '../draft/session';
import { blockOn } from '../lib/blocks';
import { formatRange, todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useAcademicYear, useProgram } from '../state/program';
import { usePrefs } from '../state/prefs';
import { useRoute } from '../state/route';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { BlockGrid } from '../grid/BlockGrid';
import { DraftBar } from './DraftBar';
import { DraftPicker } from './DraftPicker';
import { Legend } from './Legend';
import { RotationEditor } from './RotationEditor';
import { neighbourBlock, rangeDates, resolveRange, WHOLE_YEAR } from './scheduleRange';
import { useDraftGrid } from '../grid/useDraftGrid';
import { useGridEditor } from './useGridEditor';
import { ViewOptions } from './ViewOptions';

const NO_BLOCKS: never[] = [];

/** What the Schedule view shows from other features, handed in by the app layer (shell/SchedulePage). */
export interface ScheduleViewParts {
  /** The Generate… button, for the year and block shown. */
  GenerateButton: ComponentType<{ academicYear: number | null; blockNumber: number | null }>;
  /** The right-click menu on a published cell that asks for a swap. */
  SwapCellMenu: ComponentType<{ names: (personId: string) => string }>;
}

export function ScheduleView({ GenerateButton, SwapCellMenu }: ScheduleViewParts) {
  const year = useAcademicYear()!;
  const summary = useProgram((s) => s.info?.academicYears.find((y) => y.id === year) ?? null);
  const blockParam = useRoute((s) => s.query.block);
  // From search or a person's page: a day to scroll to, an activity to pick out, a person's row.
  const dateParam = useRoute((s) => s.query.date);
  const highlight = useRoute((s) => s.query.highlight) ?? null;
  const personParam = useRoute((s) => s.query.person) ?? null;
  const setQuery = useRoute((s) => s.setQuery);
  const today = todayIso();
  const legendOpen = usePrefs((s) => s.legendOpen);
  // Bumped by "Today" so the grid scrolls again even when the range does not change.
  const [scrollTick, setScrollTick] = useState(0);

  const seesDrafts = useCan('drafts.list');
  const blocks = useApiQuery(`blocks:${year}`, () => api()['blocks.list']({ academicYear: year }));
  const blocksForYear = blocks.dataKey === `blocks:${year}` ? blocks.data : undefined;
  const choice = blocksForYear && summary ? resolveRange(blockParam, blocksForYear, summary, today) : null;
  const range = choice ? rangeDates(choice) : null;
  const draftId = useEditingDraftId();
  const draftKey = draftId !== null ? `draft:${draftId}` : null;
  const draftQuery = useApiQuery(draftKey, () => api()['drafts.get']({ draftId: draftId! }));
  const draft = draftQuery.dataKey === draftKey ? (draftQuery.data ?? null) : null;
  const { model, marks, comparison, loading, error } = useDraftGrid(range, draftId, blocksForYear ?? NO_BLOCKS);
  const mayEdit = useCan('drafts.setActivity');
  const mayRequestSwap = useCan('swaps.request');
  const readOnly = !mayEdit
    ? 'Your account shows the published schedule; changes are made by the coordinator.'
    : draft && draft.status !== 'open'
      ? `“${draft.name}” is ${draft.status}: choose the published schedule or an open draft to edit.`
      : null;
  const editor = useGridEditor(model, draftId, readOnly);
  const todayInRange = range !== null && range.start <= today && today <= range.end;
  // The whole year opens at today; a block opens at its start unless "Today" was pressed.
  const dateInRange =
    dateParam && range !== null && range.start <= dateParam && dateParam <= range.end ? dateParam : null;
  const scrollTo =
    scrollTick === 0 && dateInRange
      ? dateInRange
      : todayInRange && (choice?.kind === 'year' || scrollTick > 0)
        ? today
        : null;

  const prev = choice && blocksForYear ? neighbourBlock(choice, blocksForYear, -1) : null;
  const next = choice && blocksForYear ? neighbourBlock(choice, blocksForYear, 1) : null;
  const selectValue = choice ? (choice.kind === 'year' ? WHOLE_YEAR : String(choice.block.number)) : '';

  function goToday() {
    const current = blocksForYear ? blockOn(blocksForYear, today) : null;
    if (current && !(choice?.kind === 'year')) setQuery({ block: String(current.number) });
    setScrollTick((n) => n + 1);
  }

  // No subtitle: the academic year is in the top bar's year picker, and the header's one row is
  // the grid's height at 125 % zoom.
  return (
    <Page
      title="Schedule"
      fill
      dense
      actions={
        <>
          <Tooltip title={prev ? `Block ${prev.number}` : ''}>
            <span>
              <IconButton
                aria-label="Previous block"
                disabled={!prev}
                onClick={() => prev && setQuery({ block: String(prev.number) })}
              >
                <ChevronLeft />
              </IconButton>
            </span>
          </Tooltip>
          <TextField
            select
            label="Range"
            value={selectValue}
            onChange={(e) => setQuery({ block: e.target.value })}
            // The year goes unsaid (it is the academic year's, in the top bar) so the header keeps to one
            // row at 125 % zoom; each block's dates are whole in the list.
            sx={{ minWidth: 200, bgcolor: 'background.paper' }}
            slotProps={{
              select: {
                SelectDisplayProps: { 'data-testid': 'block-picker' } as object,
                renderValue: (value) => {
                  const block = (blocksForYear ?? []).find((b) => String(b.number) === value);
                  return block
                    ? `Block ${block.number} · ${formatRange(block.start, block.end, { years: false })}`
                    : 'Whole year';
                },
              },
            }}
            disabled={!blocksForYear}
          >
            {(blocksForYear ?? []).map((b) => (
              <MenuItem key={b.number} value={String(b.number)} data-testid={`block-option-${b.number}`}>
                Block {b.number} · {formatRange(b.start, b.end)}
              </MenuItem>
            ))}
            <MenuItem value={WHOLE_YEAR} data-testid="block-option-year">
              Whole year
            </MenuItem>
          </TextField>
          <Tooltip title={next ? `Block ${next.number}` : ''}>
            <span>
              <IconButton
                aria-label="Next block"
                disabled={!next}
                onClick={() => next && setQuery({ block: String(next.number) })}
              >
                <ChevronRight />
              </IconButton>
            </span>
          </Tooltip>
          <Button
            variant="outlined"
            startIcon={<TodayOutlined />}
            onClick={goToday}
            disabled={!blocksForYear || !blockOn(blocksForYear, today)}
          >
            Today
          </Button>
          <GenerateButton academicYear={year} blockNumber={choice?.kind === 'block' ? choice.block.number : null} />
          <ViewOptions />
        </>
      }
    >
      {highlight && (
        <Alert
          severity="info"
          sx={{ mb: 0.75, py: 0 }}
          onClose={() => setQuery({ highlight: null })}
          data-testid="grid-highlight"
        >
          Showing where {highlight} is scheduled; everything else is dimmed.
        </Alert>
      )}
      {blocks.error && <LoadError what="the blocks" error={blocks.error} onRetry={blocks.reload} />}
      {error && <LoadError what={error.what} error={error.error} onRetry={error.retry} />}
      {draftQuery.error && draftId !== null && (
        <LoadError what={`draft ${draftId}`} error={draftQuery.error} onRetry={draftQuery.reload} />
      )}
      <DraftBar
        draft={draft}
        comparison={comparison}
        model={model}
        editor={editor}
        viewOnly={!mayEdit}
        picker={seesDrafts ? <DraftPicker draftId={draftId} current={draft} /> : null}
      />
      <Box sx={{ height: 2, mb: 0.5 }}>{(blocks.loading || loading) && <LinearProgress sx={{ height: 2 }} />}</Box>
      {blocksForYear && blocksForYear.length === 0 && <EmptyState title="This academic year has no blocks" />}
      {model && (
        <>
          <BlockGrid
            model={model}
            today={today}
            scrollToDate={scrollTo}
            scrollKey={scrollTick}
            label={choice?.kind === 'block' ? `Block ${choice.block.number} schedule` : 'Academic year schedule'}
            selection={editor.selection}
            onSelectionChange={editor.setSelection}
            onCommand={editor.onCommand}
            marks={marks}
            markStyle="subtle"
            highlightActivity={highlight}
            scrollToPersonId={personParam}
          />
          {editor.picker}
          <RotationEditor model={model} blocks={blocksForYear ?? NO_BLOCKS} readOnly={readOnly} />
          {draftId === null && mayRequestSwap && <SwapCellMenu names={(id) => model.people.get(id)?.name ?? id} />}
          {legendOpen && <Legend model={model} />}
        </>
      )}
    </Page>
  );
}
