// The program file cannot be written here (its permissions, a read-only drive or share): a notice of
// every view (never dismissed), so nobody works on changes that could not be saved.
import type { Notice } from '../ui/notice';
import { useSession } from '../state/session';

export function useReadOnlyNotice(): Notice | null {
  const status = useSession((s) => s.status);
  if (!status?.readOnly) return null;
  return {
    id: 'read-only',
    severity: 'warning',
    title: 'Read-only file',
    testId: 'read-only-banner',
    dismissLevel: null,
    message: (
      <>
        This program file is read-only here ({status.programPath}). You can look and export; changes cannot be saved. To
        make changes, save a copy you can write (File &gt; Save a copy) or ask for write access.
      </>
    ),
  };
}
