/**
 * `wal::wal::WalTreasury`: burning (fee burn, dust, slashes, vetoed deposits)
 * lowers the total supply. Nothing mints after publish.
 */
import type { TxContext } from '../context.ts';
import { check } from './aborts.ts';
import type { TuskState } from './state.ts';

export const TREASURY_VERSION = 1;

/** `wal::burn_balance`: destroys `amount` FROST; returns it. Checks the version even for 0. */
export function burnBalance(ctx: TxContext, state: TuskState, amount: bigint): bigint {
  check(state.treasury.version === TREASURY_VERSION, 'wal', 'EWrongVersion', 'assert_current_version');
  if (amount > 0n) ctx.touch(state.treasury).totalSupply -= amount;
  return amount;
}
