/**
 * Gas on the devnet: a fixed, plausible charge per transaction in SUI
 * (MIST), whatever it does. Real Sui meters computation and storage; the
 * devnet only needs wallets to see a fee, budgets to be checked and gas coins
 * to go down.
 */
import type { GasUsed } from './ledger.ts';

export const REFERENCE_GAS_PRICE = 1_000n;
export const MIST_PER_SUI = 1_000_000_000n;

/** What every transaction costs at the reference gas price. */
export function gasCharge(price: bigint): GasUsed {
  return {
    computationCost: 1_000n * price,
    storageCost: 1_976_000n,
    storageRebate: 978_120n,
    nonRefundableStorageFee: 9_880n,
  };
}

/** The budget a transaction needs: computation plus storage (before rebates). */
export function requiredBudget(price: bigint): bigint {
  const gas = gasCharge(price);
  return gas.computationCost + gas.storageCost;
}

/** Net MIST taken from the gas coin. */
export function netGas(gas: GasUsed): bigint {
  return gas.computationCost + gas.storageCost - gas.storageRebate;
}

/** The budget simulation suggests: the requirement plus a margin, as Sui's resolver does. */
export function suggestedBudget(price: bigint): bigint {
  return (requiredBudget(price) * 12n) / 10n;
}
