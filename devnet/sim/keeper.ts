/**
 * Keeps the devnet's epochs moving, as the network's nodes and cranks would
 * on a real chain: at mid-epoch anyone calls `voting_end`, at the epoch's end
 * `initiate_epoch_change`, and then each committee node the devnet operates
 * calls `epoch_sync_done` until the 2/3 quorum completes the change. When the
 * nodes it operates are not enough for the quorum and half of the epoch has
 * passed, anyone may complete the change without it (`end_stalled_epoch_change`),
 * and the keeper does.
 */
import type { TuskCalls } from './calls.ts';

export interface OperatedNode {
  nodeId: string;
  operator: string;
  capId: string;
}

export class EpochKeeper {
  readonly #nodes = new Map<string, OperatedNode>();

  constructor(
    readonly calls: TuskCalls,
    /** The address that sends `voting_end` and `initiate_epoch_change`. */
    readonly crank: string,
  ) {}

  operate(node: OperatedNode): void {
    this.#nodes.set(node.nodeId, node);
  }

  /** Stops confirming sync for `nodeId` (a node that goes silent). */
  release(nodeId: string): void {
    this.#nodes.delete(nodeId);
  }

  get operatedNodes(): OperatedNode[] {
    return [...this.#nodes.values()];
  }

  /** Runs every step due at the devnet's clock; returns the number of transactions sent. */
  tick(): number {
    const devnet = this.calls.devnet;
    let sent = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      const staking = devnet.state.staking;
      const duration = staking.params.epochDurationMs;
      if (staking.epochState.kind === 'sync') {
        const synced = new Set(staking.epochState.synced);
        const next = staking.committee.nodeIds.find((nodeId) => !synced.has(nodeId) && this.#nodes.has(nodeId));
        if (next) {
          const node = this.#nodes.get(next)!;
          this.#expect(this.calls.epochSyncDone(node.operator, node.capId, staking.epoch), 'epoch_sync_done');
        } else if (devnet.clockMs >= staking.epochStartMs + duration / 2n) {
          this.#expect(this.calls.endStalledEpochChange(this.crank), 'end_stalled_epoch_change');
        } else {
          return sent;
        }
      } else if (!staking.votingEnded && devnet.clockMs >= staking.epochStartMs + duration / 2n) {
        this.#expect(this.calls.votingEnd(this.crank), 'voting_end');
      } else if (staking.votingEnded && devnet.clockMs >= staking.epochStartMs + duration) {
        this.#expect(this.calls.initiateEpochChange(this.crank), 'initiate_epoch_change');
      } else {
        return sent;
      }
      sent++;
    }
    throw new Error('the epoch keeper is stuck in a loop');
  }

  #expect(result: ReturnType<TuskCalls['run']>, what: string): void {
    if (!result.tx.status.success)
      throw new Error(`the epoch keeper's ${what} failed: ${result.tx.status.description}`);
  }
}
