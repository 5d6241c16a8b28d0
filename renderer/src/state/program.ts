// The open program (program.info) and the academic year the user is looking at. The year is
// kept in the URL (`ay=`) so a reload stays on it.
import { createUserStore } from './store';
import type { ApiErrorData, ProgramInfo } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useRoute } from './route';
import { onStale, touches } from './data';

interface ProgramState {
  info: ProgramInfo | null;
  error: ApiErrorData | null;
  loading: boolean;
  load(): Promise<void>;
}

let request = 0;

export const useProgram = createUserStore<ProgramState>((set) => ({
  info: null,
  error: null,
  loading: false,
  async load() {
    const mine = ++request;
    set({ loading: true });
    try {
      const info = await api()['program.info']({});
      if (mine === request) set({ info, error: null, loading: false });
    } catch (err) {
      if (mine === request) set({ error: toApiError(err), loading: false });
    }
  },
}));

// Settings and the dashboard's counts change with writes to what program.info reads.
onStale((stale) => {
  if (touches(stale, ['program.info']) && useProgram.getState().info) void useProgram.getState().load();
});

/** The selected academic year: the `ay` in the URL when the program has it, else the current one. */
export function selectAcademicYear(info: ProgramInfo | null, ayParam: string | undefined): number | null {
  if (!info) return null;
  const wanted = Number(ayParam);
  if (ayParam && info.academicYears.some((y) => y.id === wanted)) return wanted;
  return info.currentAcademicYear;
}

export function useAcademicYear(): number | null {
  const info = useProgram((s) => s.info);
  const ay = useRoute((s) => s.query.ay);
  return selectAcademicYear(info, ay);
}

export function setAcademicYear(year: number) {
  // A block number means nothing in another year.
  useRoute.getState().setQuery({ ay: String(year), block: null });
}
