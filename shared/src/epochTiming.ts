/**
 * When things take effect, in Tusk epochs and (estimated) wall-clock time.
 * Mirrors the Move rules: stake deposited before the epoch's voting end is
 * active from E+1, after it from E+2; a withdrawal requested before voting end
 * can be withdrawn from E+1, after it from E+2; stake that no committee
 * selection counted yet can be withdrawn at once; a commission change is
 * effective two epochs later.
 */
import { COMMISSION_DELAY_EPOCHS } from './protocol.ts';

/** Where the current epoch stands. */
export interface EpochClock {
  epoch: number;
  /** When the current epoch started (ms since the Unix epoch). */
  startMs: number;
  /** How long an epoch lasts (ms). */
  durationMs: number;
  /** Whether `voting_end` already ran this epoch (the next committee is selected). */
  votingEnded: boolean;
}

/** The epoch a stake deposited now becomes active. */
export function stakeActivationEpoch(clock: Pick<EpochClock, 'epoch' | 'votingEnded'>): number {
  return clock.epoch + (clock.votingEnded ? 2 : 1);
}

/** The epoch from which a withdrawal requested now can be withdrawn. */
export function withdrawEpochIfRequestedNow(clock: Pick<EpochClock, 'epoch' | 'votingEnded'>): number {
  return clock.epoch + (clock.votingEnded ? 2 : 1);
}

/** The epoch a commission change scheduled now takes effect. */
export function commissionEffectiveEpoch(epoch: number): number {
  return epoch + COMMISSION_DELAY_EPOCHS;
}

/** Whether a position activating at `activationEpoch` is still pending (not active yet). */
export function isPending(activationEpoch: number, epoch: number): boolean {
  return activationEpoch > epoch;
}

/**
 * Whether a pending position (no withdrawal requested) can be withdrawn at
 * once (Move `can_withdraw_early`): only while no committee selection has
 * counted it. After the epoch's voting end, stake activating next epoch was
 * counted in the next committee and must go through a withdrawal request,
 * withdrawable from E+2 (this stops flash stakes from selecting committees).
 */
export function canWithdrawAtOnce(activationEpoch: number, clock: Pick<EpochClock, 'epoch' | 'votingEnded'>): boolean {
  return activationEpoch >= stakeActivationEpoch(clock);
}

/** Mid-epoch cutoff (voting end) of the current epoch, in ms. */
export function votingEndMs(clock: Pick<EpochClock, 'startMs' | 'durationMs'>): number {
  return clock.startMs + Math.floor(clock.durationMs / 2);
}

/** Estimated start of `epoch` (ms); exact for the current epoch, projected for later ones. */
export function estimatedEpochStartMs(
  epoch: number,
  clock: Pick<EpochClock, 'epoch' | 'startMs' | 'durationMs'>,
): number {
  return clock.startMs + (epoch - clock.epoch) * clock.durationMs;
}

export interface EpochProgress {
  /** 0..1 through the epoch. */
  fraction: number;
  /** 0..1 towards the voting end (1 once passed). */
  toVotingEnd: number;
  msToVotingEnd: number;
  msToEnd: number;
}

/** How far `nowMs` is through the current epoch, towards its voting end and its end. */
export function epochProgress(clock: Pick<EpochClock, 'startMs' | 'durationMs'>, nowMs: number): EpochProgress {
  const elapsed = Math.max(0, nowMs - clock.startMs);
  const half = clock.durationMs / 2;
  return {
    fraction: clock.durationMs > 0 ? Math.min(1, elapsed / clock.durationMs) : 1,
    toVotingEnd: half > 0 ? Math.min(1, elapsed / half) : 1,
    msToVotingEnd: Math.max(0, votingEndMs(clock) - nowMs),
    msToEnd: Math.max(0, clock.startMs + clock.durationMs - nowMs),
  };
}

/** A duration in ms -> "2d 3h", "3h 20m", "4m 10s", "now". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'now';
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}
