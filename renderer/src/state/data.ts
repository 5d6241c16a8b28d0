// A version number for the program's data: every successful write bumps it, and every query
// hook depends on it, so all open views re-read after a change.
import { create } from 'zustand';

interface DataState {
  version: number;
  changed(): void;
}

export const useDataVersion = create<DataState>()((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}));
