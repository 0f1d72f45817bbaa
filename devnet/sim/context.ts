/**
 * What a Move function sees of the transaction running it (Sui's
 * `TxContext`): the sender, fresh object IDs derived from the transaction
 * digest, the clock, and the events emitted so far. It also keeps the undo
 * journal: protocol state is mutated in place, and every object a function
 * is about to change is first `touch`ed, so an abort anywhere in the
 * transaction restores all of it.
 */
import { toHex } from '@mysten/sui/utils';
import { eventSchemas, type EventInput, type EventName } from '@tusk/shared/events';
import { deriveObjectId } from './ids.ts';

/** Every event the simulator emits (the shared catalogue). */
export type SimEventName = EventName;
type SimEventInput<N extends SimEventName> = EventInput<N>;

export interface EmittedEvent {
  name: SimEventName;
  /** Full Move type under the original package. */
  type: string;
  /** The package whose code emitted it (the current package). */
  packageId: string;
  module: string;
  sender: string;
  bcs: Uint8Array;
}

/** Restores touched objects on abort. */
export class Journal {
  readonly #snapshots = new Map<object, object>();
  /** For each touched `Map`, the value of each key before its first change (ABSENT: it had none). */
  readonly #mapEntries = new Map<Map<unknown, unknown>, Map<unknown, unknown>>();
  readonly #views = new Map<Map<unknown, unknown>, Map<unknown, unknown>>();

  /**
   * Records `target`'s state before its first change in this transaction;
   * returns it for chaining. Objects are copied deeply. A `Map` is not copied
   * (the protocol's maps hold every pool, proposal and name): the returned
   * view records each key's old value on its first `set` or `delete`, so
   * adding, replacing or removing entries through it is undone; changes
   * inside an entry need their own `touch`.
   */
  touch<T extends object>(target: T): T {
    if (target instanceof Map) return this.#mapView(target) as T;
    if (!this.#snapshots.has(target)) this.#snapshots.set(target, structuredClone(target));
    return target;
  }

  #mapView(map: Map<unknown, unknown>): Map<unknown, unknown> {
    let view = this.#views.get(map);
    if (view) return view;
    const entries = new Map<unknown, unknown>();
    this.#mapEntries.set(map, entries);
    const remember = (key: unknown) => {
      if (!entries.has(key)) entries.set(key, map.has(key) ? map.get(key) : ABSENT);
    };
    view = new Proxy(map, {
      get(target, property) {
        if (property === 'set')
          return (key: unknown, value: unknown) => {
            remember(key);
            target.set(key, value);
            return view;
          };
        if (property === 'delete')
          return (key: unknown) => {
            remember(key);
            return target.delete(key);
          };
        if (property === 'clear')
          return () => {
            for (const key of target.keys()) remember(key);
            target.clear();
          };
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    this.#views.set(map, view);
    return view;
  }

  rollback(): void {
    for (const [map, entries] of this.#mapEntries) {
      for (const [key, value] of entries) {
        if (value === ABSENT) map.delete(key);
        else map.set(key, value);
      }
    }
    for (const [target, snapshot] of this.#snapshots) {
      for (const key of Object.keys(target)) delete (target as Record<string, unknown>)[key];
      Object.assign(target, snapshot);
    }
    this.commit();
  }

  commit(): void {
    this.#snapshots.clear();
    this.#mapEntries.clear();
    this.#views.clear();
  }
}

/** A key a touched `Map` did not have. */
const ABSENT = Symbol('absent');

export interface TxContextOptions {
  sender: string;
  /** The transaction digest (32 bytes): object IDs derive from it. */
  digest: Uint8Array;
  /** Clock time the transaction runs at (`Clock::timestamp_ms`). */
  timestampMs: bigint;
  /** Sui epoch (`ctx.epoch()`), not the Tusk epoch. */
  suiEpoch: bigint;
  /** Where emitted events say they come from. */
  packages: { tuskOriginal: string; tuskCurrent: string };
}

export class TxContext {
  readonly sender: string;
  readonly digest: Uint8Array;
  readonly timestampMs: bigint;
  readonly suiEpoch: bigint;
  readonly events: EmittedEvent[] = [];
  readonly journal = new Journal();
  /** Objects Move code sent to an address (`transfer::public_transfer`), in order. */
  readonly transfers: { kind: string; value: { id: string } & Record<string, unknown>; recipient: string }[] = [];
  /** IDs created by this transaction (`object::new`), in order. */
  readonly createdIds = new Set<string>();
  /** Module of the PTB command running now (Sui reports it as the event's `module`). */
  currentModule = 'staking';
  readonly #packages: TxContextOptions['packages'];
  #idsCreated = 0n;

  constructor(options: TxContextOptions) {
    this.sender = options.sender;
    this.digest = options.digest;
    this.timestampMs = options.timestampMs;
    this.suiEpoch = options.suiEpoch;
    this.#packages = options.packages;
  }

  /** `object::new(ctx)`: the next fresh object ID. */
  freshId(): string {
    const id = deriveObjectId(this.digest, this.#idsCreated);
    this.#idsCreated += 1n;
    this.createdIds.add(id);
    return id;
  }

  get idsCreated(): bigint {
    return this.#idsCreated;
  }

  /** `event::emit` of a catalogue event (fields in Move declaration order). */
  emit<N extends SimEventName>(name: N, value: SimEventInput<N>): void {
    const schema = eventSchemas[name] as unknown as { serialize(v: unknown): { toBytes(): Uint8Array } };
    this.events.push({
      name,
      type: `${this.#packages.tuskOriginal}::events::${name}`,
      packageId: this.#packages.tuskCurrent,
      module: this.currentModule,
      sender: this.sender,
      bcs: schema.serialize(value).toBytes(),
    });
  }

  /** `transfer::public_transfer(value, recipient)` from inside Move code. */
  transfer(kind: string, value: { id: string } & Record<string, unknown>, recipient: string): void {
    this.transfers.push({ kind, value, recipient });
  }

  /** Marks `target` as about to change (see `Journal`). */
  touch<T extends object>(target: T): T {
    return this.journal.touch(target);
  }

  /** The digest as hex, for messages. */
  get digestHex(): string {
    return toHex(this.digest);
  }
}
