// Who is exported: one person, a PGY class, all residents or everyone active, with the people it
// comes to listed underneath so nobody is surprised by the result.
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { PersonRow } from '../../../core/api/contract';
import { groupLabel, pgyLevels, sortPeople, type ExportForm, type WhoChoice, type WhoMode } from './plan';

const MODES: { value: WhoMode; label: string }[] = [
  { value: 'person', label: 'One person' },
  { value: 'pgy', label: 'PGY class' },
  { value: 'residents', label: 'All residents' },
  { value: 'everyone', label: 'Everyone' },
];

/** "Caleb White, Ingrid Brooks, Anthony Baker and 3 more" */
function namesLine(people: PersonRow[], shown = 4): string {
  const names = people.slice(0, shown).map((p) => p.name);
  const more = people.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

interface WhoPickerProps {
  form: ExportForm;
  people: PersonRow[];
  who: WhoChoice;
  disabled: boolean;
  update(patch: Partial<ExportForm>): void;
}

export function WhoPicker({ form, people, who, disabled, update }: WhoPickerProps) {
  const options = useMemo(() => sortPeople(people), [people]);
  const levels = useMemo(() => pgyLevels(people), [people]);
  const count = (level: number) => people.filter((p) => p.active && p.kind === 'resident' && p.pgy === level).length;
  return (
    <Box>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={form.who}
        disabled={disabled}
        onChange={(_, v: WhoMode | null) => v && update({ who: v, whoChosen: true })}
        aria-label="Who"
        sx={{ bgcolor: 'background.paper', flexWrap: 'wrap' }}
      >
        {MODES.map((m) => (
          <ToggleButton key={m.value} value={m.value} sx={{ px: 1.75 }} data-testid={`export-who-${m.value}`}>
            {m.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>

      {form.who === 'person' && (
        <Autocomplete
          options={options}
          value={options.find((p) => p.id === form.personId) ?? null}
          onChange={(_, p) => update({ personId: p?.id ?? null })}
          groupBy={groupLabel}
          getOptionLabel={(p) => p.name}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          getOptionDisabled={(p) => !p.active}
          disabled={disabled}
          sx={{ mt: 1.5, maxWidth: 360 }}
          renderOption={({ key, ...props }, p) => (
            <li key={key} {...props}>
              <Box sx={{ display: 'flex', width: '100%', gap: 1 }}>
                <span>{p.name}</span>
                {!p.active && (
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 'auto' }}>
                    inactive
                  </Typography>
                )}
              </Box>
            </li>
          )}
          renderInput={(params) => (
            <TextField
              {...params}
              placeholder="Type a name"
              slotProps={{
                ...params.slotProps,
                htmlInput: { ...params.slotProps.htmlInput, 'aria-label': 'Person', 'data-testid': 'export-person' },
              }}
            />
          )}
        />
      )}

      {form.who === 'pgy' && (
        <ToggleButtonGroup
          size="small"
          exclusive
          value={form.pgy}
          disabled={disabled}
          onChange={(_, v: number | null) => v && update({ pgy: v })}
          aria-label="PGY level"
          sx={{ mt: 1.5, bgcolor: 'background.paper', display: 'flex', flexWrap: 'wrap' }}
        >
          {(levels.length > 0 ? levels : [1, 2, 3]).map((level) => (
            <ToggleButton key={level} value={level} sx={{ px: 1.75 }} data-testid={`export-pgy-${level}`}>
              PGY-{level}
              <Box component="span" sx={{ ml: 0.75, color: 'text.secondary', fontWeight: 400 }}>
                {count(level)}
              </Box>
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      )}

      {!who.error && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.25 }} data-testid="export-who-summary">
          <Box component="span" sx={{ color: 'text.primary', fontWeight: 600 }}>
            {who.people.length === 1 ? '1 person' : `${who.people.length} people`}
          </Box>
          {who.people.length > 1 && ` · ${namesLine(who.people)}`}
        </Typography>
      )}
    </Box>
  );
}
