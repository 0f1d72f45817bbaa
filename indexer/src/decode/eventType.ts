/**
 * Decides whether a Move event type is one of ours. Event types keep the ID of
 * the package that first defined them (the original package), even after
 * upgrades, so the filter is the set of original package IDs. A type from our
 * package that is not `<pkg>::events::<KnownName>` is still ours, and must be
 * dead-lettered rather than ignored: it means the chain emits something this
 * indexer does not understand. So is any type of an upgraded version of our
 * package: a struct first defined by an upgrade carries the upgraded
 * package's ID, and an indexer that ignored it would silently miss events the
 * new code emits.
 */
import { eventNames, EVENTS_MODULE, isEventName, type EventName } from '@tusk/shared/events';
import { normalizeSuiAddress } from '@mysten/sui/utils';

export type EventTypeClass =
  { kind: 'foreign' } | { kind: 'ours'; name: EventName } | { kind: 'unknown'; reason: string };

/** Classifies event type strings against our original package IDs, caching by type string. */
export class EventTypeFilter {
  readonly packageIds: ReadonlySet<string>;
  readonly #upgradedIds: ReadonlySet<string>;
  readonly #cache = new Map<string, EventTypeClass>();

  /** `upgradedPackageIds`: later versions of the package (their types are events this indexer cannot know). */
  constructor(originalPackageIds: readonly string[], upgradedPackageIds: readonly string[] = []) {
    if (originalPackageIds.length === 0) {
      throw new Error('EventTypeFilter needs at least one original package ID (the package that defines tusk::events)');
    }
    this.packageIds = new Set(originalPackageIds.map((id) => normalizeSuiAddress(id)));
    this.#upgradedIds = new Set(
      upgradedPackageIds.map((id) => normalizeSuiAddress(id)).filter((id) => !this.packageIds.has(id)),
    );
  }

  classify(type: string): EventTypeClass {
    let result = this.#cache.get(type);
    if (result === undefined) {
      result = this.#classify(type);
      // Types from other packages can be unbounded in number; ours are few.
      if (this.#cache.size >= 10_000) this.#cache.clear();
      this.#cache.set(type, result);
    }
    return result;
  }

  #classify(type: string): EventTypeClass {
    const firstSep = type.indexOf('::');
    if (firstSep < 0) return { kind: 'foreign' };
    const address = type.slice(0, firstSep);
    if (!/^0x[0-9a-fA-F]{1,64}$/.test(address)) return { kind: 'foreign' };
    const packageId = normalizeSuiAddress(address);
    if (this.#upgradedIds.has(packageId)) {
      return {
        kind: 'unknown',
        reason: `event type ${type} was first defined by the upgraded package ${packageId}; this indexer knows only the events of the original package (add its schema to shared/src/events.ts and a pipeline, then re-index these checkpoints)`,
      };
    }
    if (!this.packageIds.has(packageId)) return { kind: 'foreign' };

    const rest = type.slice(firstSep + 2);
    const secondSep = rest.indexOf('::');
    const module = secondSep < 0 ? rest : rest.slice(0, secondSep);
    const name = secondSep < 0 ? '' : rest.slice(secondSep + 2);
    if (module !== EVENTS_MODULE) {
      return {
        kind: 'unknown',
        reason: `event type ${type} is from our package but not from module "${EVENTS_MODULE}"; every Tusk event is defined in tusk::${EVENTS_MODULE}, so the package and this indexer disagree`,
      };
    }
    if (!isEventName(name)) {
      return {
        kind: 'unknown',
        reason: `event type ${type} is from our package but this indexer has no schema named "${name}" (it knows ${eventNames.length} events); add it to shared/src/events.ts and a pipeline, then re-index these checkpoints`,
      };
    }
    return { kind: 'ours', name };
  }
}
