// Shown over the Schedule view after jumping from a finding: what is highlighted, and the way
// back to the list (with its filters) or to dismiss the highlight.
import ArrowBack from '@mui/icons-material/ArrowBack';
import Close from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useFocus } from '../state/focus';
import { useRoute } from '../state/route';
import { SEVERITY_COLORS } from '../lib/severity';
import { SeverityChip } from '../ui/SeverityChip';
import { plural } from '../lib/words';

export function FocusBanner() {
  const target = useFocus((s) => s.target);
  const clear = useFocus((s) => s.clear);
  const open = useRoute((s) => s.open);
  if (!target) return null;
  return (
    <Paper
      elevation={6}
      role="status"
      data-testid="focus-banner"
      data-finding-id={target.findingId}
      sx={{
        position: 'fixed',
        bottom: 20,
        left: '50%',
        transform: 'translateX(-50%)',
        zIndex: 1200,
        display: 'flex',
        alignItems: 'center',
        gap: 1.5,
        pl: 1.5,
        pr: 1,
        py: 1,
        maxWidth: 'min(880px, calc(100vw - 140px))',
        borderLeft: `4px solid ${SEVERITY_COLORS[target.severity].main}`,
      }}
    >
      <SeverityChip severity={target.severity} />
      <Box sx={{ minWidth: 0, flex: 1 }}>
        <Typography
          variant="body2"
          sx={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          title={target.message}
        >
          {target.personName ? `${target.personName}: ` : ''}
          {target.message}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {target.slots.length === 0
            ? 'This finding has no single slot to highlight'
            : target.personId === null
              ? 'The cells taking part in it are highlighted'
              : `${plural(target.slots.length, 'slot')} highlighted`}
        </Typography>
      </Box>
      <Button
        size="small"
        startIcon={<ArrowBack />}
        onClick={() => {
          const back = target.returnQuery;
          clear();
          open('compliance', back);
        }}
        data-testid="focus-back"
      >
        Back to findings
      </Button>
      <IconButton size="small" aria-label="Clear the highlight" onClick={clear} data-testid="focus-clear">
        <Close fontSize="small" />
      </IconButton>
    </Paper>
  );
}
