// For administrators: the audit chain as checked when the program opened. A log changed outside
// the app (an entry edited, deleted, reordered or added) is a notice that cannot be dismissed,
// naming the first entry that does not match, until the administrator checks again. Entries sealed
// on another workstation (a key this one lacks) are said once: the notice comes back when the
// key or the number of entries it cannot check changes.
import Button from '@mui/material/Button';
import { useState } from 'react';
import type { AuditChainReport } from '../../../core/api/contract';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import type { Notice } from '../ui/notice';
import { useCan } from '../state/session';

export function useAuditChainNotice(): Notice | null {
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
  const common = { id: 'audit-chain', testId: 'audit-chain-banner', action, data: { status: report.status } };
  if (report.status === 'unchecked')
    return {
      ...common,
      severity: 'info',
      title: 'Audit log sealed elsewhere',
      dismissLevel: `${report.keySource}:${report.sealedElsewhere}`,
      message: (
        <>
          The {report.entries} audit entries were sealed on another workstation; this one cannot check their content
          (its key is {report.keySource}).
        </>
      ),
    };
  const first = report.firstProblem!;
  return {
    ...common,
    severity: 'error',
    title: 'Audit log changed outside the app',
    dismissLevel: null,
    message: (
      <>
        <strong>The audit log was changed outside the app.</strong> First entry that does not match:{' '}
        <strong data-testid="audit-chain-first">#{first.entryId}</strong> — {first.message}.
        {report.problems > 1
          ? ` ${report.problems - 1} more problem${report.problems === 2 ? '' : 's'} ` + `after it.`
          : ''}{' '}
        Checked {new Date(report.checkedAt).toLocaleString()} with {report.keySource}. Keep this file as evidence (save
        a copy) before anything else changes it.
      </>
    ),
  };
}
