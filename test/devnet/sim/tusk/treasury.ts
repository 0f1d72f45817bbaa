/**
 * `wal::wal::WalTreasury`: burning (fee burn, slashes, vetoed deposits) and
 * the total supply. Nothing mints after publish.
 */
import type { TxContext } from '../context.ts';
import { check } from './aborts.ts';
import type { TuskState } from './state.ts';

export const TREASURY_VERSION = 1;

/** `wal::burn_balance`: destroys `amount` FROST, lowering the total supply. */
export function burn(ctx: TxContext, state: TuskState, amount: bigint): void {
  check(state.treasury.version === TREASURY_VERSION, 'wal', 'EWrongVersion');
  if (amount === 0n) return;
  const treasury = ctx.touch(state.treasury);
  treasury.totalSupply -= amount;
  treasury.burned += amount;
}
