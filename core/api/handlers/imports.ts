// imports.* handlers: an edited block sheet workbook previewed (nothing written) or imported as
// one draft (all or nothing); refusals carry each problem by sheet and cell.
import { validateAsOfToday } from '../../services/compliance';
import type { DraftContext } from '../../services/drafts';
import { importXlsx, previewXlsxImport } from '../../services/xlsx-import';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<Contract, 'imports.xlsxPreview' | 'imports.xlsx'>;

export function importHandlers(ctx: Pick<HandlerContext, 'program' | 'actor'>): HandlersOf<Methods> {
  const d = (): DraftContext => ({ program: ctx.program(), actor: ctx.actor, validate: validateAsOfToday });
  return {
    'imports.xlsxPreview': ({ path }) => previewXlsxImport(d(), path),
    'imports.xlsx': ({ path, name }) => importXlsx(d(), { path, name }),
  };
}
