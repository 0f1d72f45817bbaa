/**
 * Builds `TransactionData` BCS directly, for the devnet's own actors (the
 * epoch keeper, node operators, scenario delegators), the same PTB shapes
 * the dashboard's builders in `shared/src/tx/` make but with no async build
 * step: a scenario can execute hundreds of thousands of them quickly.
 * Wallet-facing code keeps using `@mysten/sui`'s `Transaction`.
 */
import { bcs } from '@mysten/sui/bcs';
import { normalizeSuiAddress } from '@mysten/sui/utils';

export type Arg = { Input: number } | { Result: number } | { NestedResult: [number, number] } | { GasCoin: true };

export interface ObjectRef {
  objectId: string;
  version: bigint | string;
  digest: string;
}

type CallArgInput = Parameters<typeof bcs.CallArg.serialize>[0];
type CommandInput = Parameters<typeof bcs.Command.serialize>[0];

export class PtbBuilder {
  readonly #inputs: CallArgInput[] = [];
  readonly #commands: CommandInput[] = [];
  readonly #objects = new Map<string, number>();

  pure(bytes: Uint8Array): Arg {
    this.#inputs.push({ Pure: { bytes } });
    return { Input: this.#inputs.length - 1 };
  }

  u8(value: number): Arg {
    return this.pure(bcs.u8().serialize(value).toBytes());
  }
  u16(value: number): Arg {
    return this.pure(bcs.u16().serialize(value).toBytes());
  }
  u32(value: number): Arg {
    return this.pure(bcs.u32().serialize(value).toBytes());
  }
  u64(value: bigint): Arg {
    return this.pure(bcs.u64().serialize(value).toBytes());
  }
  u256(value: bigint): Arg {
    return this.pure(bcs.u256().serialize(value).toBytes());
  }
  bool(value: boolean): Arg {
    return this.pure(bcs.bool().serialize(value).toBytes());
  }
  address(value: string): Arg {
    return this.pure(bcs.Address.serialize(value).toBytes());
  }
  string(value: string): Arg {
    return this.pure(bcs.string().serialize(value).toBytes());
  }
  bytes(value: Uint8Array): Arg {
    return this.pure(bcs.byteVector().serialize(value).toBytes());
  }

  /** An owned object by reference (each object once). */
  object(ref: ObjectRef): Arg {
    const id = normalizeSuiAddress(ref.objectId);
    const existing = this.#objects.get(id);
    if (existing !== undefined) return { Input: existing };
    this.#inputs.push({
      Object: { ImmOrOwnedObject: { objectId: id, version: BigInt(ref.version), digest: ref.digest } },
    });
    this.#objects.set(id, this.#inputs.length - 1);
    return { Input: this.#inputs.length - 1 };
  }

  /** A shared object; used again it stays one input, mutable if any use is. */
  shared(objectId: string, initialSharedVersion: bigint, mutable: boolean): Arg {
    const id = normalizeSuiAddress(objectId);
    const existing = this.#objects.get(id);
    if (existing !== undefined) {
      const input = this.#inputs[existing] as { Object: { SharedObject: { mutable: boolean } } };
      input.Object.SharedObject.mutable ||= mutable;
      return { Input: existing };
    }
    this.#inputs.push({ Object: { SharedObject: { objectId: id, initialSharedVersion, mutable } } });
    this.#objects.set(id, this.#inputs.length - 1);
    return { Input: this.#inputs.length - 1 };
  }

  moveCall(packageId: string, module: string, fn: string, args: Arg[]): Arg {
    this.#commands.push({ MoveCall: { package: packageId, module, function: fn, typeArguments: [], arguments: args } });
    return { Result: this.#commands.length - 1 };
  }

  splitCoins(coin: Arg, amounts: bigint[]): Arg[] {
    this.#commands.push({ SplitCoins: { coin, amounts: amounts.map((amount) => this.u64(amount)) } });
    const index = this.#commands.length - 1;
    return amounts.map((_, i) => ({ NestedResult: [index, i] as [number, number] }));
  }

  mergeCoins(destination: Arg, sources: Arg[]): void {
    this.#commands.push({ MergeCoins: { destination, sources } });
  }

  transferObjects(objects: Arg[], recipient: string): void {
    this.#commands.push({ TransferObjects: { objects, address: this.address(recipient) } });
  }

  get commandCount(): number {
    return this.#commands.length;
  }

  /**
   * The signed bytes: `gas` empty means paid from the sender's address
   * balance (the devnet charges such transactions nothing).
   */
  build(options: {
    sender: string;
    gas?: ObjectRef[];
    price?: bigint;
    budget?: bigint;
    validity?: { chain: string; nonce: number; timestampMs: bigint };
  }): Uint8Array {
    // Without gas coins, nothing versioned makes two equal transactions distinct: like Sui's
    // address-balance payments, such a transaction carries a ValidDuring expiration with a nonce.
    const expiration =
      options.validity && (options.gas ?? []).length === 0
        ? {
            ValidDuring: {
              minEpoch: null,
              maxEpoch: null,
              minTimestamp: options.validity.timestampMs,
              maxTimestamp: null,
              chain: options.validity.chain,
              nonce: options.validity.nonce,
            },
          }
        : { None: true as const };
    return bcs.TransactionData.serialize({
      V1: {
        kind: { ProgrammableTransaction: { inputs: this.#inputs, commands: this.#commands } },
        sender: options.sender,
        gasData: {
          payment: (options.gas ?? []).map((ref) => ({
            objectId: ref.objectId,
            version: BigInt(ref.version),
            digest: ref.digest,
          })),
          owner: options.sender,
          price: options.price ?? 1_000n,
          budget: options.budget ?? 10_000_000n,
        },
        expiration,
      },
    }).toBytes();
  }
}
