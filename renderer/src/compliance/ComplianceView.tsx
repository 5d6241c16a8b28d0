// The Compliance view: every finding of the selected academic year's published schedule (or an
// open draft), with filters (in the URL), acknowledgement with a reason, and a jump to the block
// grid at the finding's cells; a second tab charts each resident's weekly hours against the
// 80-hour line.
import AccessTimeOutlined from '@mui/icons-material/AccessTimeOutlined';
import FilterAltOff from '@mui/icons-material/FilterAltOff';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { ComplianceFinding } from '../../../core/api/contract';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { useFocus } from '../state/focus';
import { useAcademicYear, useProgram } from '../state/program';
import { useRoute } from '../state/route';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { AcknowledgeFinding } from './AcknowledgeFinding';
import { AckToggle, FilterBar } from './FilterBar';
import {
  activeFilterCount,
  filtersToInput,
  filtersToQuery,
  NO_FILTERS,
  parseFilters,
  type FindingFilters,
} from './filters';
import { FindingsTable } from './FindingsTable';
import { HoursPanel } from './HoursPanel';
import { blockForFinding, focusTarget } from './jump';
import { SourcePicker } from './SourcePicker';
import { plural } from '../lib/words';

type Tab = 'findings' | 'hours';

export function ComplianceView() {
  const year = useAcademicYear()!;
  const yearLabel = useProgram((s) => s.info?.academicYears.find((y) => y.id === year)?.label ?? String(year));
  const query = useRoute((s) => s.query);
  const setQuery = useRoute((s) => s.setQuery);
  const openView = useRoute((s) => s.open);
  const focus = useFocus((s) => s.focus);
  const [acknowledging, setAcknowledging] = useState<ComplianceFinding | null>(null);

  const filters = useMemo(() => parseFilters(query), [query]);
  const tab: Tab = query.tab === 'hours' ? 'hours' : 'findings';
  const draftId = query.draft && /^\d+$/.test(query.draft) ? Number(query.draft) : null;
  const input = useMemo(() => filtersToInput(filters), [filters]);
  const findingsKey = `compliance:${year}:${draftId}:${JSON.stringify(input)}`;
  const findings = useApiQuery(findingsKey, () =>
    api()['compliance.findings']({ academicYear: year, draftId, ...input }),
  );
  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const blocks = useApiQuery(`blocks:${year}`, () => api()['blocks.list']({ academicYear: year }));
  const drafts = useApiQuery('drafts:open', () => api()['drafts.list']({ status: 'open' }));
  const hoursKey = tab === 'hours' ? `compliance-hours:${year}:${draftId}` : null;
  const hours = useApiQuery(hoursKey, () => api()['compliance.hours']({ academicYear: year, draftId }));
  // While a new filter loads, the previous list stays (no flicker).
  const result = findings.data;

  const setFilters = (next: FindingFilters) => setQuery(filtersToQuery(next));
  const setTab = (next: Tab) => setQuery({ tab: next === 'hours' ? 'hours' : null });

  function openFinding(f: ComplianceFinding) {
    const block = blockForFinding(f, blocks.data ?? []);
    focus(focusTarget(f, block, draftId, query));
    openView('schedule', {
      block: block ? String(block.number) : null,
      draft: draftId === null ? null : String(draftId),
    });
  }

  const shown = result?.findings.length ?? 0;
  const subtitle = result
    ? `${yearLabel} · ${draftId === null ? 'published schedule' : `draft ${draftId}`} · ` +
      `${plural(result.total, 'finding')} · checked in ` +
      `${result.validationMs < 1 ? '<1' : Math.round(result.validationMs)} ms`
    : yearLabel;

  return (
    <Page
      title="Compliance"
      subtitle={subtitle}
      fill
      actions={
        <>
          <SourcePicker
            drafts={drafts.data ?? []}
            draftId={draftId}
            onChange={(id) => setQuery({ draft: id === null ? null : String(id) })}
          />
          <ToggleButtonGroup
            size="small"
            exclusive
            value={tab}
            onChange={(_, v: Tab | null) => v && setTab(v)}
            aria-label="Compliance view"
            sx={{ bgcolor: 'background.paper' }}
          >
            <ToggleButton value="findings" sx={{ px: 1.75, gap: 0.75 }} data-testid="tab-findings">
              <ListAltOutlined fontSize="small" /> Findings
            </ToggleButton>
            <ToggleButton value="hours" sx={{ px: 1.75, gap: 0.75 }} data-testid="tab-hours">
              <AccessTimeOutlined fontSize="small" /> Work hours
            </ToggleButton>
          </ToggleButtonGroup>
        </>
      }
    >
      {drafts.error && <LoadError what="the drafts" error={drafts.error} onRetry={drafts.reload} />}
      {findings.error && <LoadError what="the findings" error={findings.error} onRetry={findings.reload} />}
      {tab === 'findings' ? (
        <>
          <FilterBar
            filters={filters}
            onChange={setFilters}
            totals={result?.totals}
            rules={result?.rules ?? []}
            people={people.data ?? []}
            yearRange={result?.range ?? null}
          />
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, minHeight: 30 }}>
            <Typography variant="body2" color="text.secondary" data-testid="findings-count">
              {result
                ? activeFilterCount(filters)
                  ? `Showing ${shown} of ${result.total} findings`
                  : `${plural(result.total, 'finding')}, most serious first`
                : 'Checking the schedule…'}
            </Typography>
            {activeFilterCount(filters) > 0 && (
              <Button
                size="small"
                startIcon={<FilterAltOff />}
                onClick={() => setFilters(NO_FILTERS)}
                data-testid="filter-clear"
                sx={{ py: 0 }}
              >
                Clear filters
              </Button>
            )}
            <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto', mr: 1 }}>
              Click a finding to see it in the schedule
            </Typography>
            <AckToggle value={filters.ack} onChange={(ack) => setFilters({ ...filters, ack })} />
          </Box>
          <Box sx={{ height: 2 }}>{findings.loading && <LinearProgress sx={{ height: 2 }} />}</Box>
          {result && shown === 0 ? (
            <Paper variant="outlined">
              {result.total === 0 ? (
                <EmptyState title="The schedule meets every rule">No findings in {yearLabel}.</EmptyState>
              ) : (
                <EmptyState title="No findings match these filters">Clear a filter to see more.</EmptyState>
              )}
            </Paper>
          ) : (
            result && <FindingsTable findings={result.findings} onOpen={openFinding} onAcknowledge={setAcknowledging} />
          )}
        </>
      ) : (
        <>
          {hours.error && <LoadError what="the work hours" error={hours.error} onRetry={hours.reload} />}
          <Box sx={{ height: 2, mb: 1 }}>{hours.loading && <LinearProgress sx={{ height: 2 }} />}</Box>
          {hours.data && (
            <HoursPanel
              hours={hours.data}
              selected={query.resident ?? null}
              onSelect={(id) => setQuery({ resident: id })}
            />
          )}
        </>
      )}
      {acknowledging && (
        <AcknowledgeFinding
          finding={acknowledging}
          academicYear={year}
          draftId={draftId}
          onClose={() => setAcknowledging(null)}
        />
      )}
    </Page>
  );
}
