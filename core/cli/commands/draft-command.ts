// `draft <subcommand>`: draft list, draft diff.
import { commandGroup, type CliCommand } from '../command';
import { draftDiffCommand } from './draft-diff';
import { draftListCommand } from './draft-list';

const SUBCOMMANDS = [draftListCommand, draftDiffCommand];

export const draftCommand: CliCommand = commandGroup(
  'draft',
  'Drafts: list, diff (then publish / rollback)',
  SUBCOMMANDS,
);
