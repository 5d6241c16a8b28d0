// For administrators: the audit chain as checked when the program opened. A log changed outside
// the app (an entry edited, deleted, reordered or added) is shown at the top of every view with
// the first entry that does not match, until the administrator checks again.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { useState } from 'react';
import type { AuditChainReport } from '../../../core/api/contract';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import { useCan } from './store';

export function AuditChainBanner() {
  const mayCheck = useCan('audit.verifyChain');
  const last = useApiQuery(mayCheck ? 'audit-chain' : null, () => api()['audit.chainStatus']({}));
  const [checked, setChecked] = useState<AuditChainReport | null>(null);
  const [checking, setChecking] = useState(false);
  const fail = useNotify((s) => s.fail);
  const notify = useNotify((s) => s.notify);
  const report = checked ?? last.data ?? null;
  if (!mayCheck || !report || report.status === 'intact') return null;

  async function checkAgain() {
    setChecking(true);
    try {
      const now = await api()['audit.verifyChain']({});
      setChecked(now);
      if (now.status === 'intact') notify(`The audit chain is intact: ${now.entries} entries checked`, 'success');
    } catch (err) {
      fail(err, 'Could not check the audit chain');
    } finally {
      setChecking(false);
    }
  }

  const action = (
    <Button color="inherit" size="small" onClick={() => void checkAgain()} disabled={checking}>
      Check again
    </Button>
  );
  if (report.status === 'unchecked')
    return (
      <Alert
        severity="info"
        sx={{ mx: 3, mt: 2 }}
        action={action}
        data-testid="audit-chain-banner"
        data-status={report.status}
      >
        The {report.entries} audit entries were sealed on another workstation; this one cannot check their content (its
        key is {report.keySource}).
      </Alert>
    );
  const first = report.firstProblem!;
  return (
    <Alert
      severity="error"
      sx={{ mx: 3, mt: 2 }}
      action={action}
      data-testid="audit-chain-banner"
      data-status={report.status}
    >
      <AlertTitle>The audit log was changed outside the app</AlertTitle>
      First entry that does not match: <strong data-testid="audit-chain-first">#{first.entryId}</strong> —{' '}
      {first.message}.
      {report.problems > 1 ? ` ${report.problems - 1} more problem${report.problems === 2 ? '' : 's'} after it.` : ''}{' '}
      Checked {new Date(report.checkedAt).toLocaleString()} with {report.keySource}. Keep this file as evidence (save a
      copy) before anything else changes it.
    </Alert>
  );
}
