// The error every refusal to open a program file raises: names the file and what is wrong.
export type ProgramFileProblem =
  | 'missing'
  | 'not_sqlite'
  | 'foreign'
  | 'corrupt'
  | 'too_new'
  | 'exists'
  | 'migration_failed'
  | 'needs_upgrade';

export class ProgramFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: ProgramFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ProgramFileError';
  }
}
