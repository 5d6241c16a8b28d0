// What every Settings section receives: the saved settings and the academic year in view (the
// year whose schedule a save re-checks, and whose holidays and blocks are shown).
import type { ProgramInfo } from '../../../core/api/contract';

export interface SectionProps {
  info: ProgramInfo;
  academicYear: number;
}
