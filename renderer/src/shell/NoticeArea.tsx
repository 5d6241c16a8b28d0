// The app-level notices (read-only file, audit log, backups) in one place of the top bar (under the
// program's name): a button
// naming the notice, or how many are up, coloured by the worst; it opens a panel with each notice
// whole and its actions. In the top bar they take no height from the view, so the schedule grid keeps
// its rows at 1280×720 however many are up. A notice that need not be seen every day can be dismissed
// for this program; it comes back when it gets worse (ui/notice.ts dismissLevel).
import CampaignOutlined from '@mui/icons-material/CampaignOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlined';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ClickAwayListener from '@mui/material/ClickAwayListener';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useId, useRef, useState } from 'react';
import { useAuditChainNotice } from '../accounts/auditChainNotice';
import { useReadOnlyNotice } from '../accounts/readOnlyNotice';
import { useBackupNotice } from '../settings/backups/backupNotice';
import { useProgram } from '../state/program';
import { useRoute } from '../state/route';
import type { Notice } from '../ui/notice';
import { useDismissals } from './dismissals';

const ORDER: Notice['severity'][] = ['error', 'warning', 'info'];
const ICONS = { error: ErrorOutline, warning: WarningAmberOutlined, info: InfoOutlined };

export function NoticeArea() {
  const all = [useReadOnlyNotice(), useAuditChainNotice(), useBackupNotice()]
    .filter((n): n is Notice => n !== null)
    .sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  const programPath = useProgram((s) => s.info?.path ?? null);
  const { dismissed, dismiss } = useDismissals(programPath);
  const isDismissed = (n: Notice) => n.dismissLevel !== null && dismissed[n.id] === n.dismissLevel;
  const up = all.filter((n) => !isDismissed(n));
  // Open at the place it was opened: following a notice's action (e.g. to Settings › Backups) closes it.
  const route = useRoute();
  const where = `${route.view}?${JSON.stringify(route.query)}`;
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === where;
  const setOpen = (next: boolean) => setOpenAt(next ? where : null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  if (all.length === 0) return null;

  const worst = up[0]?.severity ?? null;
  const Icon = worst ? ICONS[worst] : CampaignOutlined;
  const label = up.length === 1 ? up[0].title : `${up.length} notices`;
  const name =
    up.length === 0
      ? `Show ${all.length === 1 ? 'the dismissed notice' : `${all.length} dismissed notices`}`
      : up.length === 1
        ? `Notice: ${up[0].title}`
        : `Show all ${up.length} notices`;
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };

  return (
    <ClickAwayListener onClickAway={() => setOpen(false)}>
      <Box
        role="region"
        aria-label="Notices"
        data-count={up.length}
        data-testid="notice-area"
        sx={{ position: 'relative', flexShrink: 1, minWidth: 0 }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            close();
          }
        }}
      >
        <Tooltip describeChild title={up.length ? up.map((n) => n.title).join(' · ') : 'Dismissed notices'}>
          {worst ? (
            <Button
              ref={toggleRef}
              size="small"
              variant="contained"
              color={worst}
              disableElevation
              startIcon={<Icon />}
              aria-label={name}
              aria-expanded={open}
              aria-controls={open ? panelId : undefined}
              onClick={() => setOpen(!open)}
              data-testid="notices-toggle"
              sx={{
                maxWidth: 240,
                minHeight: 0,
                py: 0,
                px: 0.75,
                fontSize: 12,
                lineHeight: '20px',
                whiteSpace: 'nowrap',
                display: 'flex',
                '& .MuiButton-startIcon': { mr: 0.5, '& svg': { fontSize: 16 } },
              }}
            >
              <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {label}
              </Box>
            </Button>
          ) : (
            <IconButton
              ref={toggleRef}
              size="small"
              sx={{ p: 0.25, '& svg': { fontSize: 16 } }}
              color="inherit"
              aria-label={name}
              aria-expanded={open}
              aria-controls={open ? panelId : undefined}
              onClick={() => setOpen(!open)}
              data-testid="notices-toggle"
            >
              <Icon />
            </IconButton>
          )}
        </Tooltip>
        {open && (
          <Paper
            id={panelId}
            elevation={8}
            data-testid="notices-panel"
            sx={{
              position: 'absolute',
              top: 'calc(100% + 8px)',
              left: 0,
              width: 'min(560px, calc(100vw - 32px))',
              maxHeight: 'calc(100vh - 80px)',
              overflow: 'auto',
              p: 1.5,
              color: 'text.primary',
            }}
          >
            <Stack spacing={1}>
              {all.map((n) => {
                const gone = isDismissed(n);
                return (
                  <Alert
                    key={n.id}
                    severity={n.severity}
                    variant={gone ? 'outlined' : 'standard'}
                    data-testid={n.testId}
                    data-dismissed={gone}
                    {...Object.fromEntries(Object.entries(n.data ?? {}).map(([k, v]) => [`data-${k}`, v]))}
                    action={
                      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                        {n.action}
                        {n.dismissLevel !== null && !gone && (
                          <Button
                            color="inherit"
                            size="small"
                            onClick={() => dismiss(n.id, n.dismissLevel!)}
                            data-testid="notice-dismiss"
                          >
                            Dismiss
                          </Button>
                        )}
                      </Stack>
                    }
                  >
                    {n.message}
                    {gone && (
                      <Typography variant="caption" sx={{ display: 'block', mt: 0.5 }}>
                        Dismissed for this program: it comes back if it gets worse.
                      </Typography>
                    )}
                  </Alert>
                );
              })}
            </Stack>
          </Paper>
        )}
      </Box>
    </ClickAwayListener>
  );
}
