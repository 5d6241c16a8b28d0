// The findings a draft adds (with acknowledge buttons) and the ones it resolves.
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import VerifiedOutlined from '@mui/icons-material/VerifiedOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import type { DraftFlag, DraftValidation } from '../../../core/api/contract';
import type { Finding } from '../../../core/domain/types';
import { formatInstant, formatRange } from '../lib/dates';
import { AcknowledgeFlag } from './AcknowledgeFlag';
import { CATEGORY_LABELS } from './labels';
import { ACK_REASON_LABELS } from '../lib/labels';
import { SEVERITY_RANK } from '../lib/severity';
import { SeverityChip } from '../ui/SeverityChip';

interface Props {
  draftId: number;
  validation: DraftValidation;
  nameOf(personId: string): string;
  /** Read-only (a published or discarded draft). */
  readOnly?: boolean;
  dense?: boolean;
}

const bySeverity = (a: Finding, b: Finding) =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.start.localeCompare(b.start);

function where(f: Finding, nameOf: (id: string) => string): string {
  return [f.personId ? nameOf(f.personId) : 'Program-wide', formatRange(f.start, f.end)].join(' · ');
}

export function FindingList({ draftId, validation, nameOf, readOnly = false, dense = false }: Props) {
  const [acking, setAcking] = useState<DraftFlag | null>(null);
  // Acknowledging replaces the button that had the focus; keep the keyboard inside the list
  // (so Escape still closes a popover around it) instead of losing it to the page.
  const rootRef = useRef<HTMLDivElement>(null);
  const closeAck = () => {
    setAcking(null);
    requestAnimationFrame(() => {
      if (!rootRef.current?.contains(document.activeElement)) rootRef.current?.focus({ preventScroll: true });
    });
  };
  const added = [...validation.added].sort(bySeverity);
  const removed = [...validation.removed].sort(bySeverity);
  return (
    <Box ref={rootRef} tabIndex={-1} sx={{ outline: 'none' }}>
      {added.length === 0 ? (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: 'success.main', py: 1 }}>
          <CheckCircleOutline fontSize="small" />
          <Typography variant="body2">This draft adds no findings.</Typography>
        </Stack>
      ) : (
        <List dense disablePadding aria-label="Findings the draft adds">
          {added.map((f) => (
            <ListItem
              key={f.id}
              divider
              data-testid="draft-finding"
              data-finding-id={f.id}
              data-severity={f.severity}
              data-acknowledged={f.acknowledgement ? 'true' : 'false'}
              sx={{ alignItems: 'flex-start', gap: 1.5, px: 0, py: dense ? 0.75 : 1 }}
              secondaryAction={
                f.acknowledgement ? (
                  <Tooltip
                    title={
                      `${ACK_REASON_LABELS[f.acknowledgement.reasonCode]}: ${f.acknowledgement.reason} — ` +
                      `${f.acknowledgement.actor}, ${formatInstant(f.acknowledgement.at)}`
                    }
                  >
                    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', color: 'success.main' }}>
                      <VerifiedOutlined fontSize="small" />
                      <Typography variant="caption">Acknowledged</Typography>
                    </Stack>
                  </Tooltip>
                ) : !readOnly ? (
                  <Button
                    size="small"
                    variant={f.blocking ? 'contained' : 'text'}
                    color={f.blocking ? 'warning' : 'primary'}
                    onClick={() => setAcking(f)}
                  >
                    Acknowledge
                  </Button>
                ) : null
              }
            >
              <Box sx={{ pt: 0.25 }}>
                <SeverityChip severity={f.severity} />
              </Box>
              <Box sx={{ minWidth: 0, pr: 16 }}>
                <Typography variant="body2" sx={{ fontWeight: 550 }}>
                  {f.message}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {where(f, nameOf)} · {CATEGORY_LABELS[f.category]}
                  {f.blocking && !f.acknowledgement ? ' · blocks publishing' : ''}
                </Typography>
              </Box>
            </ListItem>
          ))}
        </List>
      )}
      {removed.length > 0 && (
        <Box sx={{ mt: 1.5 }}>
          <Typography variant="overline" color="text.secondary">
            Resolved by this draft ({removed.length})
          </Typography>
          <List dense disablePadding aria-label="Findings the draft resolves">
            {removed.map((f) => (
              <ListItem key={f.id} sx={{ gap: 1.5, px: 0, py: 0.5 }} data-testid="draft-resolved-finding">
                <SeverityChip severity={f.severity} />
                <Box sx={{ minWidth: 0 }}>
                  <Typography variant="body2" sx={{ textDecoration: 'line-through', color: 'text.secondary' }}>
                    {f.message}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {where(f, nameOf)}
                  </Typography>
                </Box>
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      {acking && (
        <AcknowledgeFlag
          flag={acking}
          draftId={draftId}
          personName={acking.personId ? nameOf(acking.personId) : null}
          onClose={closeAck}
        />
      )}
    </Box>
  );
}
