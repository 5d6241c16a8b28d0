// The academic year every view shows; changing it keeps the current view.
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import { setAcademicYear, useAcademicYear, useProgram } from '../state/program';

export function YearPicker() {
  // Select the stable array (a fresh `[]` per call would make zustand re-render forever).
  const years = useProgram((s) => s.info?.academicYears);
  const current = useProgram((s) => s.info?.currentAcademicYear ?? null);
  const year = useAcademicYear();
  if (year === null || !years || years.length === 0) return null;
  return (
    <Select
      value={year}
      onChange={(e) => setAcademicYear(Number(e.target.value))}
      inputProps={{ 'aria-label': 'Academic year' }}
      data-testid="year-picker"
      sx={{
        color: 'inherit',
        minWidth: 150,
        bgcolor: 'rgba(255,255,255,0.08)',
        '.MuiOutlinedInput-notchedOutline': { borderColor: 'rgba(255,255,255,0.28)' },
        '&:hover .MuiOutlinedInput-notchedOutline': { borderColor: 'rgba(255,255,255,0.6)' },
        '.MuiSvgIcon-root': { color: 'inherit' },
      }}
    >
      {years.map((y) => (
        <MenuItem key={y.id} value={y.id}>
          {y.label}
          {y.id === current ? ' (current)' : ''}
        </MenuItem>
      ))}
    </Select>
  );
}
