// Absence types and their policies. An approved absence of any type makes the person unavailable
// for every half-day and call it covers; a type's policy only relaxes on purpose (half-day work
// still allowed, calls from an hour of the evening still allowed), sets the recovery days after
// it and whether it is planned leave (belongs on leave-eligible rotations). The program adds its
// own types (onboarding, named TDY kinds); built-in types stay.
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { AbsencePolicy } from '../../../core/domain/types';
import { isBuiltInAbsenceType } from '../lib/absenceTypes';
import { saveSettings } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { issuesUnder, parseNumber } from './settingsForm';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Absence types';
const DAYS = { endAdornment: <InputAdornment position="end">days</InputAdornment> };
const CODE = /^[a-z][a-z0-9_]{0,31}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

interface Row {
  type: string;
  name: string;
  halfDays: boolean;
  /** '' = no call allowed. */
  callsFrom: string;
  recoveryDays: string;
  leaveEligibleOnly: boolean;
}

const toRow = (p: AbsencePolicy): Row => ({
  type: p.type,
  name: p.name,
  halfDays: p.relax.halfDays,
  callsFrom: p.relax.callsFrom ?? '',
  recoveryDays: String(p.recoveryDays),
  leaveEligibleOnly: p.leaveEligibleOnly,
});

/** "my_type" from "My type": a code for a new type from its name. */
function codeOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 't_$1')
    .slice(0, 32);
}

export function AbsencePoliciesSection({ info, academicYear }: SectionProps) {
  const f = useSectionForm({ rows: info.settings.absencePolicies.map(toRow) });
  const rows = f.form.rows;
  const [newName, setNewName] = useState('');
  const [newError, setNewError] = useState<string | null>(null);

  function update(i: number, patch: Partial<Row>) {
    f.set(
      { rows: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) },
      Object.keys(patch).map((k) => `[${i}].${k}`),
    );
  }

  function add() {
    const name = newName.trim();
    const type = codeOf(name);
    if (!name || !CODE.test(type)) return setNewError('Name the type (letters or digits)');
    if (rows.some((r) => r.type === type || r.name.toLowerCase() === name.toLowerCase()))
      return setNewError(`There is a type "${name}" already`);
    f.set(
      { rows: [...rows, { type, name, halfDays: false, callsFrom: '', recoveryDays: '0', leaveEligibleOnly: true }] },
      [],
    );
    setNewName('');
    setNewError(null);
  }

  async function save() {
    const errors: Record<string, string> = {};
    const policies: AbsencePolicy[] = rows.map((r, i) => {
      const recovery = parseNumber(r.recoveryDays, { integer: true, min: 0, max: 60 });
      if ('error' in recovery) errors[`[${i}].recoveryDays`] = recovery.error;
      if (!r.name.trim()) errors[`[${i}].name`] = 'Name the type';
      if (r.callsFrom && !TIME.test(r.callsFrom)) errors[`[${i}].callsFrom`] = 'A time as HH:MM';
      return {
        type: r.type,
        name: r.name.trim(),
        relax: { halfDays: r.halfDays, callsFrom: r.callsFrom || null },
        recoveryDays: 'value' in recovery ? recovery.value : 0,
        leaveEligibleOnly: r.leaveEligibleOnly,
      };
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
      summary={
        'An approved absence of any type makes the person unavailable for every half-day and call it covers ' +
        '(the night before a whole-day absence too: its call runs into the first morning), and for its recovery ' +
        'days. Relax a type only on purpose, e.g. a conference that still allows evening call. A requested absence ' +
        'is avoided by generation and flagged when used.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      <Table size="small" aria-label="Absence types">
        <TableHead>
          <TableRow>
            <TableCell>Type</TableCell>
            <TableCell>Half-day work</TableCell>
            <TableCell>Calls allowed from</TableCell>
            <TableCell>Recovery after it</TableCell>
            <TableCell>Planned leave</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r, i) => (
            <TableRow key={r.type} data-testid="absence-type-row" data-type={r.type}>
              <TableCell component="th" scope="row">
                <TextField
                  value={r.name}
                  onChange={(e) => update(i, { name: e.target.value })}
                  error={!!f.errors[`[${i}].name`]}
                  helperText={f.errors[`[${i}].name`] ?? r.type}
                  slotProps={{ htmlInput: { 'aria-label': `${r.name || r.type}: name`, maxLength: 60 } }}
                  sx={{ width: 200 }}
                />
              </TableCell>
              <TableCell>
                <Tooltip title="Half-days of work stay allowed during this absence (and inpatient weeks)">
                  <Checkbox
                    checked={r.halfDays}
                    onChange={(e) => update(i, { halfDays: e.target.checked })}
                    slotProps={{ input: { 'aria-label': `${r.name}: half-day work still allowed` } }}
                  />
                </Tooltip>
              </TableCell>
              <TableCell>
                <TextField
                  value={r.callsFrom}
                  placeholder="none"
                  onChange={(e) => update(i, { callsFrom: e.target.value.trim() })}
                  error={!!f.errors[`[${i}].callsFrom`]}
                  helperText={
                    f.errors[`[${i}].callsFrom`] ?? (r.callsFrom ? 'calls starting then or later' : 'no call')
                  }
                  slotProps={{
                    htmlInput: { 'aria-label': `${r.name}: calls allowed from (HH:MM)`, inputMode: 'numeric' },
                  }}
                  sx={{ width: 150 }}
                />
              </TableCell>
              <TableCell>
                <TextField
                  value={r.recoveryDays}
                  onChange={(e) => update(i, { recoveryDays: e.target.value })}
                  error={!!f.errors[`[${i}].recoveryDays`]}
                  helperText={f.errors[`[${i}].recoveryDays`]}
                  slotProps={{
                    htmlInput: { inputMode: 'numeric', 'aria-label': `${r.name}: recovery days` },
                    input: DAYS,
                  }}
                  sx={{ width: 120 }}
                />
              </TableCell>
              <TableCell>
                <Tooltip
                  title={
                    "A resident's absence of this type belongs on a leave-eligible rotation (not the " +
                    'inpatient team, night float or ICU)'
                  }
                >
                  <Checkbox
                    checked={r.leaveEligibleOnly}
                    onChange={(e) => update(i, { leaveEligibleOnly: e.target.checked })}
                    slotProps={{
                      input: { 'aria-label': `${r.name}: planned leave, on leave-eligible rotations only` },
                    }}
                  />
                </Tooltip>
              </TableCell>
              <TableCell>
                {!isBuiltInAbsenceType(r.type) && (
                  <IconButton
                    aria-label={`Remove ${r.name}`}
                    onClick={() => f.set({ rows: rows.filter((_, j) => j !== i) }, [])}
                  >
                    <DeleteOutlined fontSize="small" />
                  </IconButton>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mt: 2 }}>
        <TextField
          label="New absence type"
          placeholder="e.g. Onboarding"
          value={newName}
          onChange={(e) => {
            setNewName(e.target.value);
            setNewError(null);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            add();
          }}
          error={!!newError}
          helperText={
            newError ??
            (newName.trim() ? `code: ${codeOf(newName)}` : 'A program\u2019s own kind of absence, e.g. a named TDY')
          }
          sx={{ width: 280 }}
        />
        <Button startIcon={<AddOutlined />} onClick={add} sx={{ mt: 1 }}>
          Add type
        </Button>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        A type some absence still uses cannot be removed; change those absences first.
      </Typography>
    </SettingsSection>
  );
}
