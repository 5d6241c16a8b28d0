// Findings as a table, virtualized (a large program has thousands): severity, rule, person,
// window, measured vs limit, the finding in words, and its acknowledgement. Clicking a row opens
// the block grid at the finding's cells; acknowledged findings stay, muted and marked.
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import OpenInNew from '@mui/icons-material/OpenInNew';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import type { ComplianceFinding } from '../../../core/api/contract';
import { dayCount, formatShortDate } from '../lib/dates';
import { limitText, measuredText, overShare, ruleKind, windowText } from './findingText';
import { ACK_REASON_LABELS } from '../lib/labels';
import { SEVERITY_COLORS } from '../lib/severity';
import { SeverityChip } from '../ui/SeverityChip';

export const ROW_HEIGHT = 76;
/**
 * Header and rows share one grid. Where the table is narrower than its seven columns (1280×720 at
 * 125 % zoom, a narrow window), each row keeps its height and folds into five: the status under
 * the severity, the window under the person, so the finding itself is never pushed off the side.
 */
const WIDE = 1060;
const LAYOUT = {
  display: 'grid',
  columnGap: 1.5,
  gridTemplateColumns: '96px minmax(130px, 0.9fr) minmax(120px, 0.8fr) 136px 124px minmax(240px, 2.8fr) 150px',
  gridTemplateAreas: '"sev rule person window measured finding status"',
  [`@container findings (max-width: ${WIDE - 1}px)`]: {
    gridTemplateColumns: '140px minmax(110px, 0.9fr) minmax(120px, 0.9fr) 116px minmax(160px, 2fr)',
    gridTemplateAreas: '"sev rule person measured finding" "status rule window measured finding"',
    alignContent: 'center',
    rowGap: 0.25,
    // The row itself opens the schedule (click, Enter): its icon gives the status button the room.
    '& .jump': { display: 'none' },
  },
} as const;
/** The header cells, by the grid area each fills (LAYOUT places them, folded or not). */
const COLUMNS = [
  ['sev', 'Severity'],
  ['rule', 'Rule'],
  ['person', 'Person'],
  ['window', 'Window'],
  ['measured', 'Measured'],
  ['finding', 'Finding'],
  ['status', 'Status'],
] as const;

const NARROWEST = 660;

interface Props {
  findings: ComplianceFinding[];
  onOpen(f: ComplianceFinding): void;
  onAcknowledge(f: ComplianceFinding): void;
}

function Measured({ f }: { f: ComplianceFinding }) {
  const over = overShare(f);
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography
        variant="body2"
        sx={{ fontWeight: 650, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
        title={measuredText(f)}
      >
        {measuredText(f)}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
        {limitText(f)}
        {over !== null && over >= 0.005 && (
          <Box component="span" sx={{ color: SEVERITY_COLORS[f.severity].main, fontWeight: 600 }}>
            {` · +${Math.round(over * 100)}%`}
          </Box>
        )}
      </Typography>
    </Box>
  );
}

function Status({ f, onAcknowledge }: { f: ComplianceFinding; onAcknowledge(): void }) {
  const ack = f.acknowledgement;
  if (ack) {
    return (
      <Tooltip
        title={
          <>
            <b>{ACK_REASON_LABELS[ack.reasonCode]}</b>: {ack.reason}
            <br />
            {ack.actor}, {formatShortDate(ack.at.slice(0, 10))}
          </>
        }
      >
        <Chip
          size="small"
          icon={<CheckCircleOutline />}
          label="Acknowledged"
          variant="outlined"
          color="success"
          data-testid="finding-acknowledged"
          sx={{ fontWeight: 600, bgcolor: 'background.paper' }}
        />
      </Tooltip>
    );
  }
  return (
    <Button
      size="small"
      variant="outlined"
      onClick={(e) => {
        e.stopPropagation();
        onAcknowledge();
      }}
      data-testid="finding-acknowledge"
      sx={{ bgcolor: 'background.paper' }}
    >
      Acknowledge…
    </Button>
  );
}

export function FindingsTable({ findings, onOpen, onAcknowledge }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: findings.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => findings[i].id,
  });

  const onKey = (e: KeyboardEvent, f: ComplianceFinding) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(f);
    }
  };

  return (
    <Box
      ref={scrollRef}
      role="table"
      aria-label="Findings"
      aria-rowcount={findings.length + 1}
      data-testid="findings-table"
      sx={{
        containerType: 'inline-size',
        containerName: 'findings',
        flex: 1,
        minHeight: 0,
        overflow: 'auto',
        bgcolor: 'background.paper',
        border: '1px solid',
        borderColor: 'divider',
        borderRadius: 1.5,
      }}
    >
      <Box
        role="row"
        aria-rowindex={1}
        sx={{
          ...LAYOUT,
          px: 2,
          py: 1,
          position: 'sticky',
          top: 0,
          zIndex: 1,
          bgcolor: 'background.subtle',
          borderBottom: '1px solid',
          borderColor: 'divider',
          minWidth: NARROWEST,
          '& > *': { fontSize: 12, fontWeight: 600, color: 'text.secondary', whiteSpace: 'nowrap' },
        }}
      >
        {COLUMNS.map(([area, title]) => (
          <Box key={area} component="span" role="columnheader" sx={{ gridArea: area }}>
            {title}
          </Box>
        ))}
      </Box>
      <Box sx={{ position: 'relative', height: virtualizer.getTotalSize(), minWidth: NARROWEST }}>
        {virtualizer.getVirtualItems().map((v) => {
          const f = findings[v.index];
          const acknowledged = f.acknowledgement !== null;
          const days = dayCount(f.start, f.end);
          return (
            <Box
              key={v.key}
              role="row"
              aria-rowindex={v.index + 2}
              tabIndex={0}
              data-testid="finding-row"
              data-finding-id={f.id}
              data-severity={f.severity}
              data-acknowledged={acknowledged || undefined}
              onClick={() => onOpen(f)}
              onKeyDown={(e) => onKey(e, f)}
              sx={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${v.start}px)`,
                ...LAYOUT,
                alignItems: 'center',
                px: 2,
                borderBottom: 1,
                borderBottomColor: 'divider',
                borderLeft: `3px solid ${acknowledged ? '#d0d5dd' : SEVERITY_COLORS[f.severity].main}`,
                cursor: 'pointer',
                bgcolor: acknowledged ? 'background.subtle' : 'background.paper',
                '&:hover': { bgcolor: 'action.hover' },
                '&:hover .jump': { opacity: 1 },
                '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
              }}
            >
              <Box role="cell" sx={{ gridArea: 'sev' }}>
                <SeverityChip severity={f.severity} muted={acknowledged} />
              </Box>
              <Box role="cell" sx={{ minWidth: 0, gridArea: 'rule' }}>
                <Typography
                  variant="body2"
                  data-testid="rule-name"
                  title={f.ruleName}
                  sx={{
                    fontWeight: 600,
                    lineHeight: 1.3,
                    display: '-webkit-box',
                    WebkitLineClamp: 2,
                    WebkitBoxOrient: 'vertical',
                    overflow: 'hidden',
                  }}
                >
                  {f.ruleName}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {ruleKind(f)}
                </Typography>
              </Box>
              <Box role="cell" sx={{ minWidth: 0, gridArea: 'person' }}>
                <Typography
                  variant="body2"
                  title={f.personName ?? undefined}
                  sx={{
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                    color: f.personName ? 'text.primary' : 'text.secondary',
                  }}
                >
                  {f.personName ?? (f.slots.length ? 'Clinic slot' : 'Program')}
                </Typography>
              </Box>
              <Box role="cell" sx={{ gridArea: 'window' }}>
                <Typography variant="body2" sx={{ lineHeight: 1.3 }}>
                  {windowText(f)}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {days === 1 ? (f.slots.length === 1 ? f.slots[0].half : '1 day') : `${days} days`}
                </Typography>
              </Box>
              <Box role="cell" sx={{ minWidth: 0, gridArea: 'measured' }}>
                <Measured f={f} />
              </Box>
              <Box role="cell" sx={{ minWidth: 0, gridArea: 'finding' }} title={`${f.message}\n\n${f.explanation}`}>
                <Typography
                  variant="body2"
                  sx={{ fontWeight: 550, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                >
                  {f.message}
                </Typography>
                <Typography
                  variant="caption"
                  color="text.secondary"
                  sx={{
                    display: '-webkit-box',
                    WebkitLineClamp: 2,
                    WebkitBoxOrient: 'vertical',
                    overflow: 'hidden',
                    lineHeight: 1.35,
                  }}
                >
                  {f.explanation}
                </Typography>
              </Box>
              <Box
                role="cell"
                sx={{
                  gridArea: 'status',
                  display: 'flex',
                  alignItems: 'center',
                  gap: 0.5,
                  justifyContent: 'space-between',
                }}
              >
                <Status f={f} onAcknowledge={() => onAcknowledge(f)} />
                <IconButton
                  className="jump"
                  size="small"
                  aria-label="Show in the schedule"
                  sx={{ opacity: 0.45 }}
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(f);
                  }}
                >
                  <OpenInNew fontSize="small" />
                </IconButton>
              </Box>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
