/** A proposal's tally as a stacked bar with a legend (text carries the numbers; colour only groups them). */
import { formatWalCompact } from '@tusk/shared/format';
import type { ProposalJson } from '../data/api.ts';

export function Tally({ tally, totalStake }: { tally: ProposalJson['tally']; totalStake: string | null }) {
  const parts = [
    { key: 'yes', label: 'Yes', value: BigInt(tally.yes), className: 'tally__yes', color: 'var(--ok)' },
    { key: 'no', label: 'No', value: BigInt(tally.no), className: 'tally__no', color: 'var(--danger)' },
    {
      key: 'veto',
      label: 'No with veto',
      value: BigInt(tally.noWithVeto),
      className: 'tally__veto',
      color: 'var(--warn)',
    },
    {
      key: 'abstain',
      label: 'Abstain',
      value: BigInt(tally.abstain),
      className: 'tally__abstain',
      color: 'var(--muted)',
    },
  ];
  const voted = parts.reduce((sum, part) => sum + part.value, 0n);
  const base = totalStake && BigInt(totalStake) > voted ? BigInt(totalStake) : voted;
  const share = (value: bigint) => (base > 0n ? Number((value * 10_000n) / base) / 100 : 0);
  const turnout = totalStake && BigInt(totalStake) > 0n ? Number((voted * 10_000n) / BigInt(totalStake)) / 100 : null;
  return (
    <div>
      <div
        className="tally"
        role="img"
        aria-label={parts.map((part) => `${part.label} ${formatWalCompact(part.value)}`).join(', ')}
      >
        {parts.map((part) =>
          part.value > 0n ? (
            <span key={part.key} className={part.className} style={{ width: `${share(part.value)}%` }} />
          ) : null,
        )}
      </div>
      <ul className="legend">
        {parts.map((part) => (
          <li key={part.key}>
            <i style={{ background: part.color }} aria-hidden="true" />
            {part.label} {formatWalCompact(part.value)}
            {voted > 0n ? ` (${(Number((part.value * 10_000n) / voted) / 100).toFixed(1)}%)` : ''}
          </li>
        ))}
        <li>
          {turnout !== null ? `Turnout ${turnout.toFixed(1)}% of stake` : ''}
          {tally.final ? ' · final' : ' · live count'}
        </li>
      </ul>
    </div>
  );
}
