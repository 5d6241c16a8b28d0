// The Compliance view's filters: severity (with counts), rule, person, dates, and whether
// acknowledged findings show (AckToggle). Every change goes to the URL (filters.ts).
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { FindingsResult, PersonRow } from '../../../core/api/contract';
import type { Severity } from '../../../core/domain/types';
import { filterDatesError, type FindingFilters } from './filters';
import { SEVERITY_COLORS } from '../lib/severity';
import { SEVERITY_LABELS, SEVERITY_ORDER } from '../lib/severity';

interface Props {
  filters: FindingFilters;
  onChange(next: FindingFilters): void;
  totals: FindingsResult['totals'] | undefined;
  rules: FindingsResult['rules'];
  people: PersonRow[];
  yearRange: { start: string; end: string } | null;
}

function personLabel(p: PersonRow): string {
  return p.pgy !== null ? `${p.name} · PGY-${p.pgy}` : p.name;
}

export function FilterBar({ filters, onChange, totals, rules, people, yearRange }: Props) {
  const set = (patch: Partial<FindingFilters>) => onChange({ ...filters, ...patch });
  const toggleSeverity = (s: Severity) =>
    set({
      severities: filters.severities.includes(s)
        ? filters.severities.filter((x) => x !== s)
        : SEVERITY_ORDER.filter((x) => x === s || filters.severities.includes(x)),
    });
  const selectedPeople = people.filter((p) => filters.personIds.includes(p.id));
  const datesError = filterDatesError(filters);

  return (
    <Box
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center', mb: 1.5 }}
      data-testid="compliance-filters"
    >
      <Box sx={{ display: 'flex', gap: 0.75 }} role="group" aria-label="Severity">
        {SEVERITY_ORDER.map((s) => {
          const on = filters.severities.includes(s);
          const c = SEVERITY_COLORS[s];
          return (
            <Chip
              key={s}
              clickable
              onClick={() => toggleSeverity(s)}
              aria-pressed={on}
              data-testid={`filter-severity-${s}`}
              label={
                <>
                  {SEVERITY_LABELS[s]}
                  <Box component="span" sx={{ ml: 0.75, fontWeight: 700 }}>
                    {totals ? totals[s] : '–'}
                  </Box>
                </>
              }
              sx={{
                fontWeight: 600,
                height: 32,
                color: on ? '#fff' : c.main,
                bgcolor: on ? c.main : c.tint,
                border: `1px solid ${c.main}55`,
                '&:hover': { bgcolor: on ? c.main : `${c.main}22` },
              }}
            />
          );
        })}
      </Box>

      <TextField
        select
        label="Rule"
        value={filters.ruleIds}
        onChange={(e) => {
          const v = e.target.value as unknown as string[] | string;
          set({ ruleIds: typeof v === 'string' ? v.split(',') : v });
        }}
        sx={{ width: 190, bgcolor: 'background.paper' }}
        slotProps={{
          select: {
            multiple: true,
            renderValue: (v) =>
              (v as string[]).length === 1
                ? (rules.find((r) => r.id === (v as string[])[0])?.name ?? (v as string[])[0])
                : `${(v as string[]).length} rules`,
            SelectDisplayProps: { 'data-testid': 'filter-rule' } as object,
          },
        }}
      >
        {rules.map((r) => (
          <MenuItem key={r.id} value={r.id} dense data-testid={`filter-rule-${r.id}`}>
            <Checkbox size="small" checked={filters.ruleIds.includes(r.id)} sx={{ p: 0.5, mr: 1 }} />
            <ListItemText primary={r.name} />
          </MenuItem>
        ))}
      </TextField>

      <Autocomplete
        multiple
        size="small"
        options={people}
        value={selectedPeople}
        onChange={(_, v) => set({ personIds: v.map((p) => p.id) })}
        getOptionLabel={personLabel}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        limitTags={1}
        sx={{ width: 230, bgcolor: 'background.paper' }}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Person"
            placeholder={selectedPeople.length ? '' : 'Anyone'}
            slotProps={{
              ...params.slotProps,
              htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'filter-person' },
            }}
          />
        )}
      />

      <TextField
        type="date"
        label="From"
        value={filters.from ?? ''}
        onChange={(e) => set({ from: e.target.value || null })}
        sx={{ width: 150, bgcolor: 'background.paper' }}
        slotProps={{
          inputLabel: { shrink: true },
          htmlInput: { min: yearRange?.start, max: yearRange?.end, 'data-testid': 'filter-from' },
        }}
      />
      <TextField
        type="date"
        label="To"
        value={filters.to ?? ''}
        onChange={(e) => set({ to: e.target.value || null })}
        error={!!datesError}
        helperText={datesError}
        sx={{ width: 150, bgcolor: 'background.paper' }}
        slotProps={{
          inputLabel: { shrink: true },
          htmlInput: { min: yearRange?.start, max: yearRange?.end, 'data-testid': 'filter-to' },
        }}
      />
    </Box>
  );
}

/** Whether acknowledged findings show: all (marked), only open ones, or only acknowledged ones. */
export function AckToggle({
  value,
  onChange,
}: {
  value: FindingFilters['ack'];
  onChange(v: FindingFilters['ack']): void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      sx={{ bgcolor: 'background.paper', '& .MuiToggleButton-root': { py: 0.25 } }}
      exclusive
      value={value}
      onChange={(_, v: FindingFilters['ack'] | null) => v && onChange(v)}
      aria-label="Acknowledged findings"
    >
      <ToggleButton value="all" data-testid="filter-ack-all" sx={{ px: 1.5 }}>
        All
      </ToggleButton>
      <ToggleButton value="open" data-testid="filter-ack-open" sx={{ px: 1.5 }}>
        Open
      </ToggleButton>
      <ToggleButton value="acknowledged" data-testid="filter-ack-acknowledged" sx={{ px: 1.5 }}>
        Acknowledged
      </ToggleButton>
    </ToggleButtonGroup>
  );
}
