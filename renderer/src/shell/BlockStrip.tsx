// The academic year as a strip of blocks, widths proportional to their length; today's block is
// highlighted and each block opens in the schedule.
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Tooltip from '@mui/material/Tooltip';
import type { Block } from '../../../core/domain/types';
import { dayCount, formatRange } from '../lib/dates';
import { useRoute } from '../state/route';

export function BlockStrip({ blocks, today }: { blocks: Block[]; today: string }) {
  const open = useRoute((s) => s.open);
  return (
    <Box sx={{ display: 'flex', gap: '3px' }} role="list" aria-label="Blocks of the academic year">
      {blocks.map((b) => {
        const isCurrent = b.start <= today && today <= b.end;
        const isPast = b.end < today;
        return (
          <Tooltip key={b.number} title={`Block ${b.number}: ${formatRange(b.start, b.end)}`}>
            <ButtonBase
              role="listitem"
              onClick={() => open('schedule', { block: String(b.number) })}
              sx={{
                flex: `${dayCount(b.start, b.end)} 1 0`,
                minWidth: 18,
                height: 30,
                borderRadius: 1,
                fontSize: 12,
                fontWeight: 600,
                bgcolor: isCurrent ? 'primary.main' : isPast ? 'action.selected' : 'background.subtle',
                color: isCurrent ? 'primary.contrastText' : 'text.secondary',
                '&:hover': { bgcolor: isCurrent ? 'primary.dark' : 'action.hover' },
              }}
            >
              {b.number}
            </ButtonBase>
          </Tooltip>
        );
      })}
    </Box>
  );
}
