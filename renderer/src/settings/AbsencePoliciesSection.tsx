// Absence policies: per absence type, whether an approved absence makes the person unavailable
// (always, never, or when it is longer than some days), and the recovery days after it.
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import type { AbsencePolicy } from '../../../core/domain/types';
import { ABSENCE_LABELS } from '../lib/labels';
import { saveSettings } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { issuesUnder, parseNumber } from './settingsForm';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Absence policies';
const DAYS = { endAdornment: <InputAdornment position="end">days</InputAdornment> };
type Blocks = 'always' | 'never' | 'over';

interface Row {
  type: AbsencePolicy['type'];
  blocks: Blocks;
  overDays: string;
  recoveryDays: string;
}

function toRow(p: AbsencePolicy): Row {
  if (typeof p.blocks === 'object') return { type: p.type, blocks: 'over', overDays: String(p.blocks.overDays), recoveryDays: String(p.recoveryDays) };
  return { type: p.type, blocks: p.blocks, overDays: '', recoveryDays: String(p.recoveryDays) };
}

export function AbsencePoliciesSection({ info, academicYear }: SectionProps) {
  const f = useSectionForm({ rows: info.settings.absencePolicies.map(toRow) });
  const rows = f.form.rows;

  function update(i: number, patch: Partial<Row>) {
    f.set({ rows: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) }, Object.keys(patch).map((k) => `[${i}].${k === 'overDays' ? 'blocks' : k}`));
  }

  async function save() {
    const errors: Record<string, string> = {};
    const policies: AbsencePolicy[] = rows.map((r, i) => {
      const recovery = parseNumber(r.recoveryDays, { integer: true, min: 0, max: 60 });
      if ('error' in recovery) errors[`[${i}].recoveryDays`] = recovery.error;
      let blocks: AbsencePolicy['blocks'] = r.blocks === 'over' ? { overDays: 0 } : r.blocks;
      if (r.blocks === 'over') {
        const over = parseNumber(r.overDays, { integer: true, min: 0, max: 366 });
        if ('error' in over) errors[`[${i}].blocks`] = over.error;
        else blocks = { overDays: over.value };
      }
      return { type: r.type, blocks, recoveryDays: 'value' in recovery ? recovery.value : 0 };
    });
    f.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    f.setSaving(true);
    const outcome = await saveSettings(TITLE, academicYear, { absencePolicies: policies });
    f.setSaving(false);
    if (!outcome.ok) {
      const { fields } = issuesUnder(outcome.error.issues ?? [], 'absencePolicies');
      f.setErrors(fields, Object.keys(fields).length ? [] : [outcome.error.message]);
    }
  }

  return (
    <SettingsSection
      title={TITLE}
      summary="Whether an approved absence of each type makes the person unavailable for the half-days and calls it covers, and how many recovery days follow it (after a deployment, 7)."
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      <Table size="small" aria-label="Absence policies">
        <TableHead>
          <TableRow>
            <TableCell>Absence</TableCell>
            <TableCell>Makes the person unavailable</TableCell>
            <TableCell>Recovery after it</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r, i) => (
            <TableRow key={r.type}>
              <TableCell component="th" scope="row">
                {ABSENCE_LABELS[r.type] ?? r.type}
              </TableCell>
              <TableCell>
                <TextField
                  select
                  value={r.blocks}
                  onChange={(e) => update(i, { blocks: e.target.value as Blocks })}
                  slotProps={{ htmlInput: { 'aria-label': `${ABSENCE_LABELS[r.type] ?? r.type}: unavailable` } }}
                  sx={{ width: 200, mr: 1 }}
                >
                  <MenuItem value="always">Always</MenuItem>
                  <MenuItem value="never">Never</MenuItem>
                  <MenuItem value="over">When longer than</MenuItem>
                </TextField>
                {r.blocks === 'over' && (
                  <TextField
                    value={r.overDays}
                    onChange={(e) => update(i, { overDays: e.target.value })}
                    error={!!f.errors[`[${i}].blocks`]}
                    helperText={f.errors[`[${i}].blocks`]}
                    slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': `${ABSENCE_LABELS[r.type] ?? r.type}: longer than (days)` }, input: DAYS }}
                    sx={{ width: 120 }}
                  />
                )}
              </TableCell>
              <TableCell>
                <TextField
                  value={r.recoveryDays}
                  onChange={(e) => update(i, { recoveryDays: e.target.value })}
                  error={!!f.errors[`[${i}].recoveryDays`]}
                  helperText={f.errors[`[${i}].recoveryDays`]}
                  slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': `${ABSENCE_LABELS[r.type] ?? r.type}: recovery days` }, input: DAYS }}
                  sx={{ width: 120 }}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SettingsSection>
  );
}
