// The six export formats as selectable tiles (a radio group): what each produces, in a line.
import AssignmentIndOutlined from '@mui/icons-material/AssignmentIndOutlined';
import BorderAllOutlined from '@mui/icons-material/BorderAllOutlined';
import CalendarViewMonthOutlined from '@mui/icons-material/CalendarViewMonthOutlined';
import CheckCircle from '@mui/icons-material/CheckCircle';
import EventNoteOutlined from '@mui/icons-material/EventNoteOutlined';
import GridOnOutlined from '@mui/icons-material/GridOnOutlined';
import TableChartOutlined from '@mui/icons-material/TableChartOutlined';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import type SvgIcon from '@mui/material/SvgIcon';
import Typography from '@mui/material/Typography';
import type { KeyboardEvent } from 'react';
import { FORMATS as ALL_FORMATS, type ExportFormat } from './formats';

const ICONS: Record<ExportFormat, typeof SvgIcon> = {
  ics: EventNoteOutlined,
  'person-pdf': AssignmentIndOutlined,
  'block-pdf': GridOnOutlined,
  'roster-pdf': CalendarViewMonthOutlined,
  csv: TableChartOutlined,
  xlsx: BorderAllOutlined,
};

interface Props {
  value: ExportFormat;
  onChange(format: ExportFormat): void;
  disabled?: boolean;
  /** The formats offered (residents and faculty: their own calendar and printout); default all. */
  only?: readonly ExportFormat[];
}

export function FormatTiles({ value, onChange, disabled, only }: Props) {
  const FORMATS = only ? ALL_FORMATS.filter((f) => only.includes(f.id)) : ALL_FORMATS;
  // Arrow keys move the choice, as in any radio group.
  const onKeyDown = (e: KeyboardEvent) => {
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const i = FORMATS.findIndex((f) => f.id === value);
    const next = FORMATS[(i + step + FORMATS.length) % FORMATS.length];
    onChange(next.id);
    document.getElementById(`export-format-${next.id}`)?.focus();
  };
  return (
    <Box
      role="radiogroup"
      aria-label="Format"
      onKeyDown={onKeyDown}
      sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(172px, 1fr))', gap: 1.25 }}
    >
      {FORMATS.map((f) => {
        const Icon = ICONS[f.id];
        const selected = f.id === value;
        return (
          <ButtonBase
            key={f.id}
            id={`export-format-${f.id}`}
            role="radio"
            aria-checked={selected}
            tabIndex={selected ? 0 : -1}
            disabled={disabled}
            onClick={() => onChange(f.id)}
            data-testid={`export-format-${f.id}`}
            sx={{
              position: 'relative',
              display: 'block',
              textAlign: 'left',
              p: 1.5,
              pr: 1.25,
              borderRadius: 1.5,
              border: 1,
              borderColor: selected ? 'primary.main' : 'divider',
              bgcolor: selected ? 'primary.light' : 'background.paper',
              boxShadow: selected ? (t) => `inset 0 0 0 1px ${t.vars.palette.primary.main}` : 'none',
              // Through the theme: none when the user asked for reduced motion.
              transition: (t) => t.transitions.create(['border-color', 'background-color'], { duration: 120 }),
              '&:hover': { borderColor: selected ? 'primary.main' : '#b9c4d2' },
              '&.Mui-focusVisible': { outline: 2, outlineColor: 'primary.main', outlineOffset: 2 },
              '&.Mui-disabled': { opacity: selected ? 0.75 : 0.5 },
            }}
          >
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.75 }}>
              <Icon sx={{ fontSize: 22, color: selected ? 'primary.main' : 'text.secondary' }} />
              <Typography
                component="span"
                sx={{
                  fontSize: 11,
                  fontWeight: 700,
                  letterSpacing: '0.04em',
                  px: 0.75,
                  py: '1px',
                  borderRadius: 1,
                  color: selected ? 'primary.dark' : 'text.secondary',
                  bgcolor: selected ? 'primary.light' : 'background.subtle',
                }}
              >
                {f.tag}
              </Typography>
              {selected && <CheckCircle sx={{ fontSize: 18, color: 'primary.main', ml: 'auto' }} />}
            </Box>
            <Typography variant="subtitle2" sx={{ lineHeight: 1.35 }}>
              {f.title}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.25, lineHeight: 1.4 }}>
              {f.description}
            </Typography>
          </ButtonBase>
        );
      })}
    </Box>
  );
}
