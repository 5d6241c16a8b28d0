// accounts.* handlers: the administrator's account management (the role matrix lets only
// administrators call these).
import { createAccount, listAccounts, resetPassword, unlockAccount, updateAccount } from '../../services/accounts';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<Contract, Extract<keyof Contract, `accounts.${string}`>>;

export function accountHandlers(ctx: Pick<HandlerContext, 'program' | 'actor'>): HandlersOf<Methods> {
  return {
    'accounts.list': () => listAccounts(ctx.program()),
    'accounts.create': (input) => createAccount(ctx.program(), input, ctx.actor),
    'accounts.update': (input) => updateAccount(ctx.program(), input, ctx.actor),
    'accounts.resetPassword': (input) => resetPassword(ctx.program(), input, ctx.actor),
    'accounts.unlock': ({ id }) => unlockAccount(ctx.program(), id, ctx.actor),
  };
}
