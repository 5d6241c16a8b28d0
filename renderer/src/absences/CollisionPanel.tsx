// What an absence would collide with, shown while it is being entered: what its type's policy
// makes the person unavailable for (every half-day and call it covers unless relaxed),
// rotations that are not leave-eligible, inpatient weeks, calls, scheduled half-days (and those in
// the recovery days after it), and the person's other absences.
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { AbsenceCollisions } from '../../../core/api/contract';
import { formatDate, formatRange } from '../lib/dates';
import { absenceTypeName } from '../lib/absenceTypes';
import { ABSENCE_STATUS_LABELS } from '../lib/labels';

function Group({
  title,
  count,
  children,
  testId,
}: {
  title: string;
  count: number;
  children: ReactNode;
  testId: string;
}) {
  if (count === 0) return null;
  return (
    <Box sx={{ mt: 1.5 }} data-testid={testId} data-count={count}>
      <Typography variant="overline" color="text.secondary">
        {title} ({count})
      </Typography>
      {children}
    </Box>
  );
}

/** Slots grouped by date: "Mon 5 Oct 2026: C (AM), LEC (PM)". */
function slotLines(slots: AbsenceCollisions['slots']): { date: string; text: string; locked: boolean }[] {
  const byDate = new Map<string, AbsenceCollisions['slots']>();
  for (const s of slots) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
  return [...byDate.entries()].map(([date, list]) => ({
    date,
    text: list.map((s) => `${s.activityCode} ${s.half}`).join(', '),
    locked: list.some((s) => s.locked),
  }));
}

export function CollisionPanel({ preview }: { preview: AbsenceCollisions }) {
  const inRange = preview.slots.filter((s) => !s.inRecovery);
  const inRecovery = preview.slots.filter((s) => s.inRecovery);
  const calls = preview.calls.filter((c) => !c.inRecovery);
  const recoveryCalls = preview.calls.filter((c) => c.inRecovery);
  const notEligible = preview.rotations.filter((r) => !r.leaveEligible);
  const nothing =
    !inRange.length &&
    !calls.length &&
    !preview.inpatientWeeks.length &&
    !notEligible.length &&
    !preview.overlapping.length &&
    !inRecovery.length &&
    !recoveryCalls.length;
  return (
    <Box data-testid="absence-collisions">
      <Stack
        direction="row"
        spacing={1}
        sx={{
          alignItems: 'center',
          p: 1.25,
          borderRadius: 1,
          bgcolor: (t) =>
            t.alpha(preview.blocking.blocks ? t.vars.palette.error.main : t.vars.palette.success.main, 0.12),
        }}
        data-testid="absence-blocking"
        data-blocks={preview.blocking.blocks ? 'true' : 'false'}
      >
        {preview.blocking.blocks ? (
          <BlockOutlined color="error" fontSize="small" />
        ) : (
          <CheckCircleOutline color="success" fontSize="small" />
        )}
        <Typography variant="body2">
          <b>{preview.blocking.blocks ? 'Unavailable. ' : 'Not yet unavailable. '}</b>
          {preview.blocking.rule}
          {preview.recovery ? `; recovery ${formatRange(preview.recovery.start, preview.recovery.end)}` : ''}.
        </Typography>
      </Stack>
      {nothing ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          Nothing scheduled collides with it
          {preview.timeOffSlots ? ` (${preview.timeOffSlots} half-days are already time off)` : ''}.
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, mt: 1, pl: 2.5 }} data-testid="absence-summary">
          {preview.summary
            .filter((line) => line !== `${preview.blocking.rule}.`)
            .map((line) => (
              <Typography key={line} component="li" variant="body2">
                {line}
              </Typography>
            ))}
        </Box>
      )}
      <Group title="Rotations not eligible for leave" count={notEligible.length} testId="collide-rotations">
        <Stack direction="row" spacing={0.75} sx={{ flexWrap: 'wrap', rowGap: 0.75 }}>
          {notEligible.map((r) => (
            <Chip
              key={`${r.academicYear}:${r.blockNumber}:${r.part}`}
              size="small"
              color="warning"
              variant="outlined"
              label={
                `${r.code} · ${r.name} · block ` +
                `${r.blockNumber}${r.part === 'full' ? '' : r.part === 'first' ? ' (1st half)' : ' (2nd half)'}`
              }
            />
          ))}
        </Stack>
      </Group>
      <Group title="Inpatient weeks" count={preview.inpatientWeeks.length} testId="collide-weeks">
        {preview.inpatientWeeks.map((w) => (
          <Typography key={w.start} variant="body2">
            {formatRange(w.start, w.end)}
          </Typography>
        ))}
      </Group>
      <Group title="Calls" count={calls.length} testId="collide-calls">
        {calls.map((c) => (
          <Typography key={`${c.date}${c.callTypeCode}`} variant="body2">
            {formatDate(c.date)} · {c.callTypeName}
          </Typography>
        ))}
      </Group>
      <Group title="Scheduled half-days" count={inRange.length} testId="collide-slots">
        <Box sx={{ maxHeight: 150, overflow: 'auto' }}>
          {slotLines(inRange).map((l) => (
            <Typography key={l.date} variant="body2">
              {formatDate(l.date)}: {l.text}
              {l.locked ? ' (locked)' : ''}
            </Typography>
          ))}
        </Box>
      </Group>
      <Group
        title="During the recovery days"
        count={inRecovery.length + recoveryCalls.length}
        testId="collide-recovery"
      >
        {slotLines(inRecovery).map((l) => (
          <Typography key={l.date} variant="body2">
            {formatDate(l.date)}: {l.text}
          </Typography>
        ))}
        {recoveryCalls.map((c) => (
          <Typography key={`${c.date}${c.callTypeCode}`} variant="body2">
            {formatDate(c.date)} · {c.callTypeName}
          </Typography>
        ))}
      </Group>
      <Group title="Other absences of this person" count={preview.overlapping.length} testId="collide-absences">
        {preview.overlapping.map((a) => (
          <Typography key={a.id} variant="body2">
            {absenceTypeName(a.type)} · {formatRange(a.start, a.end)} · {ABSENCE_STATUS_LABELS[a.status]}
          </Typography>
        ))}
      </Group>
    </Box>
  );
}
