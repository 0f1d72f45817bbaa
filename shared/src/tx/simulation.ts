/**
 * What a simulated (dry-run) transaction would do, in the terms the review
 * checks: the real gas, the balance changes of each address, the objects it
 * creates, deletes, wraps or moves to another owner, and the Tusk events it
 * emits, decoded. `simulatedEffectsOf` reads it from `@mysten/sui`'s
 * `simulateTransaction` result; addresses, object IDs and coin types are
 * normalized here, so later comparisons are plain string equality.
 */
import type { SuiClientTypes } from '@mysten/sui/client';
import { normalizeStructTag, normalizeSuiAddress } from '@mysten/sui/utils';
import type { Deployment } from '../deployment.ts';
import { EVENTS_MODULE, eventSchemas, isEventName, type EventData, type EventName } from '../events.ts';

/** How an object fares in the transaction, as the review lists it. */
export type ObjectFate =
  /** New object. */
  | 'created'
  /** Destroyed (e.g. a merged coin, a joined or withdrawn position). */
  | 'deleted'
  /** Taken into another object: it stops being an object of its own. */
  | 'wrapped'
  /** Was owned by the sender and now belongs to someone (or something) else. */
  | 'transferred';

export interface ObjectChange {
  objectId: string;
  /** The Move type, when the node reported it. */
  type: string | null;
  fate: ObjectFate;
  /** The new owner of a `transferred` object (an address or object ID), or `shared`/`immutable`. */
  newOwner?: string;
}

/** A Tusk event the simulation emitted, decoded with the shared BCS layouts. */
export type TuskEvent = { [N in EventName]: { name: N; data: EventData<N> } }[EventName];

export interface SimulatedEffects {
  /** Gas in MIST, as the simulation measured it. */
  gas: { computationCost: bigint; storageCost: bigint; storageRebate: bigint };
  /** Net change per address and coin type (normalized), in the coin's smallest unit. */
  balanceChanges: { address: string; coinType: string; amount: bigint }[];
  objects: ObjectChange[];
  events: TuskEvent[];
  /** Events of ours the layouts could not read (a newer package?): the review says so rather than guess. */
  unreadableEvents: string[];
}

/** The `include` a `simulateTransaction` call needs for `simulatedEffectsOf`. */
export const SIMULATION_INCLUDE = { effects: true, balanceChanges: true, objectTypes: true, events: true } as const;

type Simulated = SuiClientTypes.Transaction<typeof SIMULATION_INCLUDE>;

function ownerAddress(owner: SuiClientTypes.ObjectOwner | null): string | null {
  if (!owner) return null;
  switch (owner.$kind) {
    case 'AddressOwner':
      return normalizeSuiAddress(owner.AddressOwner);
    case 'ObjectOwner':
      return normalizeSuiAddress(owner.ObjectOwner);
    case 'ConsensusAddressOwner':
      return normalizeSuiAddress(owner.ConsensusAddressOwner.owner);
    case 'Shared':
      return 'shared';
    case 'Immutable':
      return 'immutable';
    default:
      return null;
  }
}

/** The fate of one changed object, from the sender's point of view; null when nothing worth listing happened. */
function fateOf(change: SuiClientTypes.ChangedObject, sender: string): Omit<ObjectChange, 'type' | 'objectId'> | null {
  const existed = change.inputState === 'Exists';
  const exists = change.outputState === 'ObjectWrite' || change.outputState === 'PackageWrite';
  if (change.idOperation === 'Created') return exists ? { fate: 'created' } : null;
  if (change.idOperation === 'Deleted') return { fate: 'deleted' };
  if (existed && !exists) return { fate: 'wrapped' };
  if (existed && exists) {
    const before = ownerAddress(change.inputOwner);
    const after = ownerAddress(change.outputOwner);
    if (before === sender && after !== null && after !== sender) return { fate: 'transferred', newOwner: after };
  }
  return null;
}

/** Tusk events among `events`: those of the deployment's original package, in the `events` module. */
export function decodeTuskEvents(
  events: readonly { eventType: string; bcs: Uint8Array }[],
  deployment: Deployment,
): { events: TuskEvent[]; unreadable: string[] } {
  const decoded: TuskEvent[] = [];
  const unreadable: string[] = [];
  const tusk = normalizeSuiAddress(deployment.packages.tuskOriginal);
  for (const event of events) {
    const [pkg, module, name] = event.eventType.split('::');
    if (!pkg || normalizeSuiAddress(pkg) !== tusk || module !== EVENTS_MODULE || !name) continue;
    if (!isEventName(name)) {
      unreadable.push(name);
      continue;
    }
    try {
      decoded.push({ name, data: eventSchemas[name].parse(event.bcs) } as TuskEvent);
    } catch {
      unreadable.push(name);
    }
  }
  return { events: decoded, unreadable };
}

/**
 * The effects of a successful simulation for `sender`, normalized. Needs the
 * result of `simulateTransaction({ include: SIMULATION_INCLUDE })`.
 */
export function simulatedEffectsOf(result: Simulated, sender: string, deployment: Deployment): SimulatedEffects {
  const me = normalizeSuiAddress(sender);
  const gas = result.effects.gasUsed;
  const objects: ObjectChange[] = [];
  for (const change of result.effects.changedObjects) {
    const fate = fateOf(change, me);
    if (!fate) continue;
    const objectId = normalizeSuiAddress(change.objectId);
    const type = result.objectTypes[change.objectId] ?? result.objectTypes[objectId] ?? null;
    objects.push({ objectId, type: type === null ? null : normalizeStructTag(type), ...fate });
  }
  const { events, unreadable } = decodeTuskEvents(result.events, deployment);
  return {
    gas: {
      computationCost: BigInt(gas.computationCost),
      storageCost: BigInt(gas.storageCost),
      storageRebate: BigInt(gas.storageRebate),
    },
    balanceChanges: result.balanceChanges.map((change) => ({
      address: normalizeSuiAddress(change.address),
      coinType: normalizeStructTag(change.coinType),
      amount: BigInt(change.amount),
    })),
    objects,
    events,
    unreadableEvents: unreadable,
  };
}

/** The events named `name`, typed. */
export function eventsNamed<N extends EventName>(effects: SimulatedEffects, name: N): EventData<N>[] {
  return effects.events.filter((event) => event.name === name).map((event) => event.data as EventData<N>);
}
