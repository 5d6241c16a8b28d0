// imports.* handlers: an edited block sheet workbook previewed (nothing written) or imported as
// one draft, absences and people from a spreadsheet previewed or added (all or nothing); refusals carry each
// problem by sheet and cell.
import { validateAsOfToday } from '../../services/compliance';
import type { DraftContext } from '../../services/drafts';
import { importAbsences, previewAbsenceImport } from '../../services/absence-import';
import { importPeople, previewPeopleImport } from '../../services/people-import';
import { importXlsx, previewXlsxImport, workbookReaderIn } from '../../services/xlsx-import';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<
  Contract,
  | 'imports.xlsxPreview'
  | 'imports.xlsx'
  | 'imports.absencesPreview'
  | 'imports.absences'
  | 'imports.peoplePreview'
  | 'imports.people'
>;

export function importHandlers(
  ctx: Pick<HandlerContext, 'program' | 'actor'> & Partial<Pick<HandlerContext, 'jobs'>>,
): HandlersOf<Methods> {
  const d = (): DraftContext => ({ program: ctx.program(), actor: ctx.actor, validate: validateAsOfToday });
  // A workbook is read on the pool's interactive thread when there is a pool (the app: never behind a
  // solve), else in this thread.
  const reader = ctx.jobs ? workbookReaderIn(ctx.jobs) : undefined;
  return {
    'imports.xlsxPreview': ({ path }) => previewXlsxImport(d(), path, reader),
    'imports.xlsx': ({ path, name }) => importXlsx(d(), { path, name }, reader),
    'imports.absencesPreview': ({ path }) => previewAbsenceImport(ctx.program(), path, ctx.actor),
    'imports.absences': ({ path }) => importAbsences(ctx.program(), path, ctx.actor),
    'imports.peoplePreview': ({ path, academicYear }) =>
      previewPeopleImport(ctx.program(), path, academicYear, ctx.actor),
    'imports.people': ({ path, academicYear }) => importPeople(ctx.program(), path, academicYear, ctx.actor),
  };
}
