import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventNames, eventSchemas, eventType } from '@tusk/shared/events';
import { sampleStruct, sampleVariants } from '@tusk/shared/testing/eventSamples';
import { parseMoveStructs } from '@tusk/shared/testing/moveStructs';
import type { CheckpointEvent } from '../source/checkpoint.ts';
import { decodeEvent } from './decodeEvent.ts';
import { decodeCheckpoint } from './decodeCheckpoint.ts';
import { EventTypeFilter } from './eventType.ts';

const PKG = '0x' + 'ab'.repeat(32);
const SHORT_PKG = '0xab' + '';
const filter = new EventTypeFilter([PKG]);
const eventsMove = readFileSync(
  fileURLToPath(new URL('../../../move/tusk/sources/events.move', import.meta.url)),
  'utf8',
);
const structs = new Map(parseMoveStructs(eventsMove).map((s) => [s.name, s]));

function raw(type: string, bcs: Uint8Array, eventIndex = 0): CheckpointEvent {
  return { txDigest: 'TxDigest1', eventIndex, type, packageId: PKG, sender: '0x1', bcs };
}

describe('decodeEvent', () => {
  for (const name of eventNames) {
    for (const variant of sampleVariants) {
      it(`decodes ${name} (variant ${variant}) to the values it was encoded from, u64/u256 as bigint`, () => {
        const sample = sampleStruct(structs.get(name)!, structs, variant);
        const bytes = eventSchemas[name].serialize(sample as never).toBytes();
        const result = decodeEvent(raw(eventType(PKG, name), bytes, 3), 42n, 1_700_000_000_000n, filter);
        expect(result.kind).toBe('event');
        if (result.kind !== 'event') return;
        expect(result.event).toMatchObject({ name, checkpoint: 42n, timestampMs: 1_700_000_000_000n, eventIndex: 3 });
        expect(result.event.data).toEqual(sample);
      });
    }
  }

  it('decodes exactly the u64/u128/u256 fields of each Move struct to bigint', () => {
    for (const name of eventNames) {
      const struct = structs.get(name)!;
      const bytes = eventSchemas[name].serialize(sampleStruct(struct, structs, 0) as never).toBytes();
      const result = decodeEvent(raw(eventType(PKG, name), bytes), 1n, 0n, filter);
      if (result.kind !== 'event') throw new Error(`${name} did not decode: ${JSON.stringify(result)}`);
      const data = result.event.data as Record<string, unknown>;
      const wide = struct.fields
        .filter((f) => f.type.kind === 'u64' || f.type.kind === 'u128' || f.type.kind === 'u256')
        .map((f) => f.name);
      expect(
        Object.keys(data).filter((key) => typeof data[key] === 'bigint'),
        name,
      ).toEqual(wide);
    }
  });

  it('accepts a short package ID in the event type (0xab == 0x00..ab)', () => {
    const f = new EventTypeFilter(['0x' + '0'.repeat(62) + 'ab']);
    const bytes = eventSchemas.EpochChangeDone.serialize({ epoch: 7 }).toBytes();
    const result = decodeEvent(raw(`${SHORT_PKG}::events::EpochChangeDone`, bytes), 1n, 0n, f);
    expect(result).toMatchObject({ kind: 'event', event: { name: 'EpochChangeDone', data: { epoch: 7 } } });
  });

  it('ignores events of other packages', () => {
    const result = decodeEvent(raw('0x2::coin::CoinCreated', new Uint8Array([1])), 1n, 0n, filter);
    expect(result).toEqual({ kind: 'foreign' });
  });

  it('dead-letters an event type an upgraded package added, instead of ignoring it', () => {
    const upgraded = '0x' + 'cd'.repeat(32);
    const f = new EventTypeFilter([PKG], [upgraded]);
    const result = decodeEvent(raw(`${upgraded}::events::ShardsMigrated`, new Uint8Array([1, 2])), 4n, 0n, f);
    expect(result.kind).toBe('dead');
    if (result.kind !== 'dead') return;
    expect(result.letter.error).toMatch(/first defined by the upgraded package 0xcdcd.*knows only the events/);
    // Known events keep the original package's ID across upgrades and still decode.
    const bytes = eventSchemas.EpochChangeDone.serialize({ epoch: 3 }).toBytes();
    expect(decodeEvent(raw(eventType(PKG, 'EpochChangeDone'), bytes), 4n, 0n, f).kind).toBe('event');
    // Without the upgrade configured the type is someone else's.
    expect(decodeEvent(raw(`${upgraded}::events::ShardsMigrated`, new Uint8Array([1])), 4n, 0n, filter).kind).toBe(
      'foreign',
    );
  });

  it('dead-letters truncated bytes, saying the schema and struct probably differ', () => {
    const bytes = eventSchemas.StakeDeposited.serialize(
      sampleStruct(structs.get('StakeDeposited')!, structs, 0) as never,
    ).toBytes();
    const result = decodeEvent(raw(eventType(PKG, 'StakeDeposited'), bytes.slice(0, bytes.length - 2)), 9n, 0n, filter);
    expect(result.kind).toBe('dead');
    if (result.kind !== 'dead') return;
    expect(result.letter).toMatchObject({
      checkpoint: 9n,
      txDigest: 'TxDigest1',
      eventType: eventType(PKG, 'StakeDeposited'),
    });
    expect(result.letter.error).toMatch(/StakeDeposited: could not decode \d+ BCS bytes \(ran past the end/);
    expect(Array.from(result.letter.contents)).toEqual(Array.from(bytes.slice(0, bytes.length - 2)));
  });

  it('does not read past the event when its bytes are a view into a larger buffer', () => {
    const bytes = eventSchemas.PricesUpdated.serialize({ epoch: 1, storage_price: 5n, write_price: 6n }).toBytes();
    const big = new Uint8Array(100).fill(7);
    big.set(bytes.slice(0, 10), 20);
    const result = decodeEvent(raw(eventType(PKG, 'PricesUpdated'), big.subarray(20, 30)), 1n, 0n, filter);
    expect(result.kind).toBe('dead');
  });

  it('dead-letters a short event whose last field is an ID, even when the buffer goes on after its view', () => {
    const bytes = eventSchemas.ProposalExecuted.serialize({ epoch: 1, proposal_id: '0x' + 'cd'.repeat(32) }).toBytes();
    const big = new Uint8Array(100).fill(7);
    big.set(bytes.slice(0, 20), 20);
    const result = decodeEvent(raw(eventType(PKG, 'ProposalExecuted'), big.subarray(20, 40)), 1n, 0n, filter);
    expect(result).toMatchObject({
      kind: 'dead',
      letter: { error: expect.stringMatching(/could not decode 20 BCS bytes \(ran past the end/) },
    });
  });

  it('dead-letters trailing bytes, counting them', () => {
    const bytes = eventSchemas.EpochChangeDone.serialize({ epoch: 7 }).toBytes();
    const padded = new Uint8Array([...bytes, 0, 0, 0]);
    const result = decodeEvent(raw(eventType(PKG, 'EpochChangeDone'), padded), 1n, 0n, filter);
    expect(result).toMatchObject({
      kind: 'dead',
      letter: { error: expect.stringMatching(/3 trailing bytes after the event \(decoded 4 of 7 bytes\)/) },
    });
  });

  it('dead-letters invalid values (a bool byte of 2)', () => {
    const bytes = eventSchemas.BlobInvalidated.serialize({ epoch: 1, blob_id: 5n }).toBytes();
    const certified = eventSchemas.BlobCertified.serialize({
      epoch: 1,
      blob_id: 5n,
      object_id: '0x1',
      end_epoch: 3,
      deletable: true,
      is_extension: false,
    }).toBytes();
    certified[certified.length - 1] = 2;
    expect(decodeEvent(raw(eventType(PKG, 'BlobInvalidated'), bytes), 1n, 0n, filter).kind).toBe('event');
    const result = decodeEvent(raw(eventType(PKG, 'BlobCertified'), certified), 1n, 0n, filter);
    expect(result).toMatchObject({
      kind: 'dead',
      letter: { error: expect.stringMatching(/BlobCertified: .*Invalid bool/) },
    });
  });

  it('dead-letters an unknown event name from our package, naming the fix', () => {
    const result = decodeEvent(raw(`${PKG}::events::StakeTeleported`, new Uint8Array([1, 2])), 1n, 0n, filter);
    expect(result).toMatchObject({
      kind: 'dead',
      letter: { error: expect.stringMatching(/no schema named "StakeTeleported".*shared\/src\/events.ts/) },
    });
  });

  it('dead-letters an event of our package from another module', () => {
    const result = decodeEvent(raw(`${PKG}::staking::Secret`, new Uint8Array()), 1n, 0n, filter);
    expect(result).toMatchObject({
      kind: 'dead',
      letter: { error: expect.stringMatching(/not from module "events"/) },
    });
  });
});

describe('decodeCheckpoint', () => {
  it('keeps our events in order, collects dead letters and drops foreign events', () => {
    const done = eventSchemas.EpochChangeDone.serialize({ epoch: 2 }).toBytes();
    const decoded = decodeCheckpoint(
      {
        sequenceNumber: 5n,
        timestampMs: 10n,
        events: [
          raw(eventType(PKG, 'EpochChangeDone'), done, 0),
          raw('0x2::x::Y', new Uint8Array(), 1),
          raw(`${PKG}::events::Nope`, new Uint8Array(), 2),
          raw(eventType(PKG, 'EpochChangeDone'), done, 3),
        ],
      },
      filter,
    );
    expect(decoded.events.map((e) => e.eventIndex)).toEqual([0, 3]);
    expect(decoded.deadLetters.map((d) => d.eventIndex)).toEqual([2]);
  });
});
