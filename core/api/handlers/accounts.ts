// accounts.* handlers: the administrator's account management (the role matrix lets only
// administrators call these).
import { createAccount, listAccounts, resetPassword, unlockAccount, updateAccount } from '../../services/accounts';
import { PASSWORD_COST } from '../../services/passwords';
import type { HandlerContext } from '../context';
import type { Contract } from '../contract';
import type { HandlersOf } from '../kit';

type Methods = Pick<Contract, Extract<keyof Contract, `accounts.${string}`>>;

export function accountHandlers(ctx: Pick<HandlerContext, 'program' | 'actor' | 'passwordCost'>): HandlersOf<Methods> {
  const cost = ctx.passwordCost ?? PASSWORD_COST;
  return {
    'accounts.list': () => listAccounts(ctx.program()),
    'accounts.create': (input) => createAccount(ctx.program(), input, ctx.actor, cost),
    'accounts.update': (input) => updateAccount(ctx.program(), input, ctx.actor),
    'accounts.resetPassword': (input) => resetPassword(ctx.program(), input, ctx.actor, cost),
    'accounts.unlock': ({ id }) => unlockAccount(ctx.program(), id, ctx.actor),
  };
}
