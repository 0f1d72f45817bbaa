/**
 * The devnet's objects, as a Sui node keeps them: each has an ID, a Move type,
 * an owner, a version and a digest, and (for owned objects) its Move value's
 * BCS contents. Shared objects (`Staking`, `Governance`, `System`,
 * `WalTreasury`, the `Clock`) hold the protocol state as JavaScript values the
 * simulator mutates in place; their contents are not serialized.
 *
 * The store also answers "what does this address own" (the wallet's coins,
 * `StakedWal` positions, `StorageNodeCap`s), in ID order for stable paging.
 */
import { bcs } from '@mysten/sui/bcs';
import { fromBase58, fromHex, normalizeSuiAddress } from '@mysten/sui/utils';
import { blake2b256, digestToString } from './ids.ts';

export type Owner =
  { kind: 'address'; address: string } | { kind: 'shared'; initialVersion: bigint } | { kind: 'immutable' };

/** How an owned object's Move value is laid out in BCS. */
export interface ObjectCodec<T> {
  /** BCS bytes of the Move struct (field order as declared in Move). */
  encode(value: T): Uint8Array;
}

export interface SuiObject<T = unknown> {
  id: string;
  /** Full Move type, e.g. `0x2::coin::Coin<0x…::wal::WAL>`. */
  type: string;
  owner: Owner;
  version: bigint;
  digest: string;
  previousTransaction: string;
  /** The Move value as JavaScript (mutated only by a committing transaction). */
  value: T;
  /** Encodes `value` (owned objects); shared objects have none. */
  codec?: ObjectCodec<T>;
  /** `Coin<T>` balance, for coins: what `getBalance` sums. */
  coinType?: string;
  /** Whether `TransferObjects` may move it (`store` ability). */
  publicTransfer: boolean;
}

export function objectContents(object: SuiObject): Uint8Array | undefined {
  return object.codec?.encode(object.value);
}

/**
 * The object digest: blake2b256 of "Object::" and the object's ID, type,
 * version, owner, previous transaction and contents (a devnet digest: unique
 * per object version, not Sui's exact preimage).
 */
export function computeObjectDigest(object: Omit<SuiObject, 'digest'>): string {
  const contents = objectContents(object as SuiObject) ?? new Uint8Array();
  const id = fromHex(object.id.slice(2));
  const version = new Uint8Array(8);
  new DataView(version.buffer).setBigUint64(0, object.version, true);
  const owner =
    object.owner.kind === 'address'
      ? fromHex(object.owner.address.slice(2))
      : object.owner.kind === 'shared'
        ? Uint8Array.of(1)
        : Uint8Array.of(2);
  return digestToString(
    blake2b256(
      OBJECT_SALT,
      id,
      encoder.encode(object.type),
      version,
      owner,
      fromBase58(object.previousTransaction),
      contents,
    ),
  );
}

const encoder = new TextEncoder();
const OBJECT_SALT = encoder.encode('Object::');

export function ownerToBcs(owner: Owner): Parameters<typeof bcs.Owner.serialize>[0] {
  switch (owner.kind) {
    case 'address':
      return { AddressOwner: owner.address };
    case 'shared':
      return { Shared: { initialSharedVersion: owner.initialVersion } };
    case 'immutable':
      return { Immutable: true };
  }
}

export const GENESIS_DIGEST = digestToString(new Uint8Array(32));

export class ObjectStore {
  readonly #objects = new Map<string, SuiObject>();
  readonly #byOwner = new Map<string, Set<string>>();

  get(id: string): SuiObject | undefined {
    return this.#objects.get(normalizeSuiAddress(id));
  }

  has(id: string): boolean {
    return this.#objects.has(normalizeSuiAddress(id));
  }

  /** Writes (creates or replaces) an object, keeping the owner index right. */
  put(object: SuiObject): void {
    const previous = this.#objects.get(object.id);
    if (previous?.owner.kind === 'address') this.#byOwner.get(previous.owner.address)?.delete(object.id);
    this.#objects.set(object.id, object);
    if (object.owner.kind === 'address') {
      let owned = this.#byOwner.get(object.owner.address);
      if (!owned) this.#byOwner.set(object.owner.address, (owned = new Set()));
      owned.add(object.id);
    }
  }

  delete(id: string): void {
    const previous = this.#objects.get(id);
    if (!previous) return;
    if (previous.owner.kind === 'address') this.#byOwner.get(previous.owner.address)?.delete(id);
    this.#objects.delete(id);
  }

  /** Objects owned by `address`, sorted by ID, optionally of one type. */
  ownedBy(address: string, type?: string): SuiObject[] {
    const ids = [...(this.#byOwner.get(normalizeSuiAddress(address)) ?? [])].sort();
    const objects = ids.map((id) => this.#objects.get(id)!);
    return type ? objects.filter((object) => object.type === type) : objects;
  }

  get size(): number {
    return this.#objects.size;
  }
}

/** A base58 digest string's 32 bytes. */
export function digestBytes(digest: string): Uint8Array {
  return fromBase58(digest);
}
