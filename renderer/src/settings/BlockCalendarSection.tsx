// The block calendar: how an academic year is cut into rotation blocks. The blocks of the year
// in view are listed as they are saved; a layout that drops a block the rotation plan uses is
// refused (the server says which).
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import type { IsoWeekday } from '../../../core/domain/types';
import { api } from '../api';
import { formatRange } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { NumberField } from './NumberField';
import { readNumbers } from './numbers';
import { saveSettings } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { issuesUnder, WEEKDAY_NAMES } from './settingsForm';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Block calendar';
const NO_ANCHOR = 'none';

export function BlockCalendarSection({ info, academicYear }: SectionProps) {
  const layout = info.settings.blockLayout;
  const f = useSectionForm({
    anchorWeekday: layout.anchorWeekday === null ? NO_ANCHOR : String(layout.anchorWeekday),
    blockLengthDays: String(layout.blockLengthDays),
    blockCount: String(layout.blockCount),
  });
  const blocks = useApiQuery(`blocks:${academicYear}`, () => api()['blocks.list']({ academicYear }));
  const yearLabel = info.academicYears.find((y) => y.id === academicYear)?.label ?? String(academicYear);

  async function save() {
    const read = readNumbers(f.form, {
      blockLengthDays: { integer: true, min: 7, max: 366 },
      blockCount: { integer: true, min: 1, max: 53 },
    });
    f.setErrors(read.errors ?? {});
    if (!read.values) return;
    const anchorWeekday = f.form.anchorWeekday === NO_ANCHOR ? null : (Number(f.form.anchorWeekday) as IsoWeekday);
    f.setSaving(true);
    // Parts of the layout this form does not show (explicit years, a long first block) stay.
    const outcome = await saveSettings(TITLE, academicYear, {
      blockLayout: { ...layout, ...read.values, anchorWeekday },
    });
    f.setSaving(false);
    if (!outcome.ok) {
      const { fields } = issuesUnder(outcome.error.issues ?? [], 'blockLayout');
      f.setErrors(fields, Object.keys(fields).length ? [] : [outcome.error.message]);
    }
  }

  return (
    <SettingsSection
      title={TITLE}
      summary={
        'Blocks are the periods rotations run for. With a first weekday, block 0 runs from July 1 to the day ' +
        'before that weekday, then come the blocks of the given length, and the last block takes the rest of the ' +
        'year to June 30.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        <TextField
          select
          label="Blocks start on"
          value={f.form.anchorWeekday}
          onChange={(e) => f.set({ anchorWeekday: e.target.value })}
          helperText={f.errors.anchorWeekday ?? ' '}
          error={!!f.errors.anchorWeekday}
          sx={{ width: 200 }}
        >
          <MenuItem value={NO_ANCHOR}>July 1 (any weekday)</MenuItem>
          {WEEKDAY_NAMES.map((name, i) => (
            <MenuItem key={name} value={String(i + 1)}>
              {name}
            </MenuItem>
          ))}
        </TextField>
        <NumberField
          label="Block length"
          unit="days"
          value={f.form.blockLengthDays}
          onChange={(v) => f.set({ blockLengthDays: v })}
          error={f.errors.blockLengthDays}
        />
        <NumberField
          label="Blocks of that length"
          value={f.form.blockCount}
          onChange={(v) => f.set({ blockCount: v })}
          error={f.errors.blockCount}
        />
      </Stack>
      <Typography variant="subtitle2" sx={{ mt: 1.5, mb: 1 }}>
        Blocks of {yearLabel} (as saved)
      </Typography>
      <Box
        component="ol"
        aria-label={`Blocks of ${yearLabel}`}
        sx={{
          m: 0,
          p: 0,
          listStyle: 'none',
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
          gap: 0.75,
        }}
      >
        {(blocks.data ?? []).map((b) => (
          <Typography
            component="li"
            key={b.number}
            variant="body2"
            sx={{ px: 1, py: 0.5, bgcolor: 'action.hover', borderRadius: 1 }}
          >
            <strong>Block {b.number}</strong> · {formatRange(b.start, b.end)}
          </Typography>
        ))}
      </Box>
    </SettingsSection>
  );
}
