// `draft <subcommand>`: draft list, draft diff.
import { commandGroup, type CommandBody } from '../command';
import { draftDiffCommand } from './draft-diff';
import { draftListCommand } from './draft-list';

const SUBCOMMANDS = [draftListCommand, draftDiffCommand];

export const draftCommand: CommandBody = commandGroup('draft', SUBCOMMANDS);
