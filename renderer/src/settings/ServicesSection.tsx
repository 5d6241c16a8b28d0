// Services: teams staffed by several rotations (the inpatient team of FMIT intern, resident and
// pre-attending rotations; intern and resident night float). Each says which rotations make it up
// and how many residents of which PGY levels it has in every half-block (at least, at most); the
// service_staffing rules check it and the annual plan keeps it.
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { saveSettings } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { issuesUnder } from './settingsForm';
import {
  levelsText,
  newServiceForm,
  readServices,
  rulesForServices,
  toServiceForms,
  type LineForm,
  type ServiceForm,
} from './servicesForm';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Services';
const PGY_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8];

export function ServicesSection({ info, academicYear }: SectionProps) {
  const { settings } = info;
  const f = useSectionForm({ services: toServiceForms(settings.services ?? []) });
  const rotations = useApiQuery('rotations', () => api()['rotations.list']({}));
  const rotationCodes = (rotations.data ?? []).map((r) => r.code);
  const rotationName = new Map((rotations.data ?? []).map((r) => [r.code, r.name]));
  const forms = f.form.services;

  const update = (i: number, patch: Partial<ServiceForm>) =>
    f.set(
      { services: forms.map((s, j) => (j === i ? { ...s, ...patch } : s)) },
      Object.keys(patch).map((k) => `[${i}].${k}`),
    );
  const updateLine = (i: number, j: number, patch: Partial<LineForm>) =>
    f.set(
      {
        services: forms.map((s, k) =>
          k === i ? { ...s, staffing: s.staffing.map((l, m) => (m === j ? { ...l, ...patch } : l)) } : s,
        ),
      },
      Object.keys(patch).map((key) => `[${i}].staffing[${j}].${key}`),
    );

  async function save() {
    const read = readServices(forms);
    if ('errors' in read) return f.setErrors(read.errors);
    f.setErrors({});
    f.setSaving(true);
    const outcome = await saveSettings(TITLE, academicYear, {
      services: read.services,
      rules: rulesForServices(settings.rules, forms, read.services),
    });
    f.setSaving(false);
    if (!outcome.ok) {
      const { fields, other } = issuesUnder(outcome.error.issues ?? [], 'services');
      f.setErrors(fields, Object.keys(fields).length ? other : [outcome.error.message]);
    }
  }

  return (
    <SettingsSection
      title={TITLE}
      summary={
        'A service is one team staffed by several rotations, e.g. the inpatient team staffed by the FMIT ' +
        'intern, resident and pre-attending rotations. In every half-block of the rotation plan each staffing line ' +
        'counts the residents of its PGY levels on any of the service’s rotations. The rules check it; the annual ' +
        'plan keeps it.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      <Stack spacing={2}>
        {forms.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            The program has no services: no team staffing is checked.
          </Typography>
        )}
        {forms.map((s, i) => {
          const err = (k: string) => f.errors[`[${i}].${k}`];
          const unknown = rotations.data ? s.rotationCodes.filter((c) => !rotationName.has(c)) : [];
          const label = s.name || s.code || `Service ${i + 1}`;
          return (
            <Paper key={i} variant="outlined" sx={{ p: 2 }} aria-label={`Service ${label}`} data-testid="service">
              <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
                <TextField
                  label="Code"
                  value={s.code}
                  onChange={(e) => update(i, { code: e.target.value })}
                  error={!!err('code')}
                  helperText={err('code')}
                  sx={{ width: 130 }}
                />
                <TextField
                  label="Name"
                  value={s.name}
                  onChange={(e) => update(i, { name: e.target.value })}
                  error={!!err('name')}
                  helperText={err('name')}
                  sx={{ flex: 1 }}
                />
                <IconButton
                  aria-label={`Remove service ${label}`}
                  onClick={() => f.set({ services: forms.filter((_, j) => j !== i) })}
                >
                  <DeleteOutline />
                </IconButton>
              </Stack>
              <Autocomplete
                multiple
                freeSolo
                options={rotationCodes}
                value={s.rotationCodes}
                onChange={(_, v) => update(i, { rotationCodes: (v as string[]).map((x) => x.trim()).filter(Boolean) })}
                getOptionLabel={(c) =>
                  rotationName.has(c) && rotationName.get(c) !== c ? `${c} · ${rotationName.get(c)}` : c
                }
                renderInput={(params) => (
                  <TextField
                    {...params}
                    label="Rotations that staff it"
                    error={!!err('rotationCodes')}
                    helperText={
                      err('rotationCodes') ??
                      (unknown.length
                        ? `No rotation has the code ${unknown.join(', ')} yet: nobody counts for it`
                        : undefined)
                    }
                  />
                )}
                sx={{ mt: 2 }}
              />
              <Table size="small" aria-label={`Staffing of ${label}`} sx={{ mt: 1.5 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>Residents of</TableCell>
                    <TableCell>At least</TableCell>
                    <TableCell>At most</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {s.staffing.map((l, j) => (
                    <TableRow key={j}>
                      <TableCell sx={{ minWidth: 220 }}>
                        <Autocomplete<number, true>
                          multiple
                          size="small"
                          options={PGY_LEVELS}
                          value={l.pgyLevels}
                          onChange={(_, v) => updateLine(i, j, { pgyLevels: v })}
                          getOptionLabel={(n) => `PGY-${n}`}
                          renderInput={(params) => (
                            <TextField
                              {...params}
                              placeholder={l.pgyLevels.length ? undefined : 'Any level'}
                              label="PGY levels"
                            />
                          )}
                        />
                      </TableCell>
                      <TableCell>
                        <TextField
                          size="small"
                          value={l.min}
                          onChange={(e) => updateLine(i, j, { min: e.target.value })}
                          error={!!err(`staffing[${j}].min`)}
                          helperText={err(`staffing[${j}].min`)}
                          slotProps={{
                            htmlInput: {
                              inputMode: 'numeric',
                              'aria-label': `${label}, ${levelsText(l.pgyLevels)}: at least`,
                            },
                          }}
                          sx={{ width: 90 }}
                        />
                      </TableCell>
                      <TableCell>
                        <TextField
                          size="small"
                          value={l.max}
                          placeholder="No limit"
                          onChange={(e) => updateLine(i, j, { max: e.target.value })}
                          error={!!err(`staffing[${j}].max`)}
                          helperText={err(`staffing[${j}].max`)}
                          slotProps={{
                            htmlInput: {
                              inputMode: 'numeric',
                              'aria-label': `${label}, ${levelsText(l.pgyLevels)}: at most`,
                            },
                          }}
                          sx={{ width: 110 }}
                        />
                      </TableCell>
                      <TableCell align="right">
                        <IconButton
                          size="small"
                          aria-label={`Remove ${label} line ${j + 1}`}
                          onClick={() => update(i, { staffing: s.staffing.filter((_, m) => m !== j) })}
                        >
                          <DeleteOutline fontSize="small" />
                        </IconButton>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center' }}>
                <Button
                  size="small"
                  startIcon={<AddOutlined />}
                  onClick={() => update(i, { staffing: [...s.staffing, { pgyLevels: [], min: '0', max: '' }] })}
                >
                  Add staffing line
                </Button>
                <Box sx={{ flex: 1 }} />
                <Box>
                  <FormControlLabel
                    control={
                      <Checkbox
                        checked={s.facultyWeeks}
                        onChange={(e) => update(i, { facultyWeeks: e.target.checked })}
                      />
                    }
                    label="Faculty inpatient weeks attend it"
                  />
                  {err('facultyWeeks') && <FormHelperText error>{err('facultyWeeks')}</FormHelperText>}
                </Box>
              </Stack>
            </Paper>
          );
        })}
        <Box>
          <Button startIcon={<AddOutlined />} onClick={() => f.set({ services: [...forms, newServiceForm()] })}>
            Add service
          </Button>
        </Box>
        {forms.some((s) => s.savedCode === null) && (
          <Alert severity="info">
            A new service gets a staffing rule of its own (high severity); change it under Rules.
          </Alert>
        )}
      </Stack>
    </SettingsSection>
  );
}
