// Which notices were dismissed, per program file, at which level (ui/notice.ts): kept in
// localStorage so a dismissal outlives a restart, and forgotten when the notice's level changes.
import { useCallback, useState } from 'react';

type Dismissed = Record<string, string>;

const keyOf = (programPath: string) => `notices.dismissed:${programPath}`;

function read(programPath: string | null): Dismissed {
  if (!programPath) return {};
  try {
    const value = JSON.parse(window.localStorage.getItem(keyOf(programPath)) ?? '{}');
    return value && typeof value === 'object' ? (value as Dismissed) : {};
  } catch {
    // Storage unavailable or the entry unreadable: every notice shows.
    return {};
  }
}

export function useDismissals(programPath: string | null) {
  const [state, setState] = useState<{ path: string | null; dismissed: Dismissed }>(() => ({
    path: programPath,
    dismissed: read(programPath),
  }));
  const dismissed = state.path === programPath ? state.dismissed : read(programPath);
  const dismiss = useCallback(
    (id: string, level: string) => {
      const next = { ...read(programPath), [id]: level };
      if (programPath)
        try {
          window.localStorage.setItem(keyOf(programPath), JSON.stringify(next));
        } catch {
          // Not kept past this session: the dismissal still holds until the app closes.
        }
      setState({ path: programPath, dismissed: next });
    },
    [programPath],
  );
  return { dismissed, dismiss };
}
