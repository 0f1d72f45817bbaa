/**
 * The checkpoint reader against what it replaces, the SDK's decoding followed
 * by `checkpointFromProto`, on generated checkpoints in the form a full node
 * sends them: masked or not, with foreign events, unknown fields, messages
 * sent in parts, missing fields and broken bytes.
 */
import { describe, expect, it } from 'vitest';
import { GrpcTypes } from '@mysten/sui/grpc';
import { BinaryWriter, MessageType, ScalarType, UnknownFieldHandler, WireType } from '@protobuf-ts/runtime';
import { applyMask, parseMask } from '../../../devnet/fakenode/fieldMask.ts';
import { fakeDigest, FOREIGN_EVENT_TYPE, toProtoCheckpoint } from '../../../devnet/fakenode/protoCheckpoint.ts';
import {
  ORIGINAL_PACKAGE,
  ourCheckpoint,
  protoCheckpoint,
  UPGRADED_PACKAGE,
} from '../../../devnet/fakenode/sampleChain.ts';
import { Random } from '../../../test/scenario/random.ts';
import { Scenario } from '../../../test/scenario/scenario.ts';
import type { Checkpoint } from './checkpoint.ts';
import { CheckpointReader, type CheckpointResponse } from './checkpointReader.ts';
import { MalformedCheckpointError } from './errors.ts';
import { checkpointFromProto } from './fromProto.ts';
import { PackageFilter } from './packageFilter.ts';
import { CHECKPOINT_READ_MASK } from './readMask.ts';

const filter = new PackageFilter([ORIGINAL_PACKAGE, UPGRADED_PACKAGE]);
const mask = parseMask(GrpcTypes.Checkpoint, CHECKPOINT_READ_MASK);
const SENDER = '0x' + '5e'.repeat(32);

function masked(checkpoint: GrpcTypes.Checkpoint): Uint8Array {
  return GrpcTypes.Checkpoint.toBinary(applyMask(GrpcTypes.Checkpoint, checkpoint, mask));
}

/** What the indexer did before the reader. */
function viaSdk(bytes: Uint8Array, packages = filter): Checkpoint {
  return checkpointFromProto(GrpcTypes.Checkpoint.fromBinary(bytes), packages);
}

/** Reads `bytes` both ways, expects the same checkpoint and returns it. */
function expectSameAsSdk(bytes: Uint8Array, packages = filter): Checkpoint {
  const expected = viaSdk(bytes, packages);
  expect(new CheckpointReader(packages).read(bytes)).toEqual(expected);
  return expected;
}

function thrown(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** `bytes` as field `name` of `type` (length-delimited), e.g. a hand-built transaction inside a checkpoint. */
function asField(type: { fields: readonly { name: string; no: number }[] }, name: string, bytes: Uint8Array) {
  const no = type.fields.find((f) => f.name === name)!.no;
  return new BinaryWriter().tag(no, WireType.LengthDelimited).bytes(bytes).finish();
}

function ourEvent(overrides: Partial<GrpcTypes.Event> = {}): GrpcTypes.Event {
  return {
    packageId: UPGRADED_PACKAGE,
    sender: SENDER,
    eventType: `${ORIGINAL_PACKAGE}::events::StakeDeposited`,
    contents: { value: new Uint8Array([1, 2, 3]) },
    ...overrides,
  };
}

function checkpointWith(transactions: GrpcTypes.ExecutedTransaction[], sequenceNumber = 3n): GrpcTypes.Checkpoint {
  return {
    sequenceNumber,
    summary: { timestamp: { seconds: 1_700_000_000n, nanos: 250_000_000 }, commitments: [] },
    transactions,
  };
}

/** A transaction with `events`; `digest` null: none. */
function transactionWith(
  events: GrpcTypes.Event[],
  digest: string | null = fakeDigest('tx'),
): GrpcTypes.ExecutedTransaction {
  return { digest: digest ?? undefined, signatures: [], balanceChanges: [], events: { events } };
}

describe('checkpoint reader: same checkpoints as the SDK and checkpointFromProto', () => {
  it('reads the sample chain, foreign events interleaved and upgraded package IDs included', () => {
    for (let n = 0n; n < 60n; n++) {
      expect(expectSameAsSdk(masked(protoCheckpoint(n)))).toEqual(ourCheckpoint(n));
    }
  });

  it("drops the events of packages that are not ours, keeping our events' indices", () => {
    const originalOnly = new PackageFilter([ORIGINAL_PACKAGE]);
    const read = expectSameAsSdk(masked(protoCheckpoint(5n)), originalOnly);
    expect(read.events.map((e) => e.eventIndex)).toEqual([0, 2, 0, 2, 0, 2]);
  });

  it('reads a generated scenario with foreign events at random positions and events from an upgraded package', () => {
    const scenario = new Scenario({
      seed: 11,
      packageId: ORIGINAL_PACKAGE,
      nodes: 4,
      stakers: 12,
      epochs: 3,
      checkpointsPerEpoch: 12,
      eventsPerCheckpoint: 6,
    });
    const random = new Random(5);
    let foreign = 0;
    for (const checkpoint of scenario.checkpoints()) {
      // Gaps before our events, which toProtoCheckpoint fills with foreign events.
      let shift = 0;
      let digest = '';
      const events = checkpoint.events.map((event) => {
        if (event.txDigest !== digest) [digest, shift] = [event.txDigest, 0];
        const gap = random.int(3);
        shift += gap;
        foreign += gap;
        const packageId = random.chance(0.3) ? UPGRADED_PACKAGE : event.packageId;
        return { ...event, eventIndex: event.eventIndex + shift, packageId };
      });
      const ours = { ...checkpoint, events };
      expect(expectSameAsSdk(masked(toProtoCheckpoint(ours)))).toEqual(ours);
    }
    expect(foreign).toBeGreaterThan(100);
  });

  it('ignores fields the read mask leaves out when a node sends them anyway', () => {
    const Value = GrpcTypes.Event.fields.find((f) => f.name === 'json')!;
    if (Value.kind !== 'message') throw new Error('Event.json is a message');
    const json = Value.T().fromJson({ amount: '10', pool: { id: '0x1', tags: [true, null, 1.5] } });
    const full = protoCheckpoint(8n);
    full.signature = { epoch: 1n, signature: new Uint8Array(48).fill(7), bitmap: new Uint8Array([1]) };
    full.contents = { digest: fakeDigest('contents'), version: 1, transactions: [] };
    for (const transaction of full.transactions) {
      transaction.effects = GrpcTypes.TransactionEffects.create({
        digest: fakeDigest('effects'),
        bcs: { name: 'TransactionEffects', value: new Uint8Array([9, 9, 9]) },
        status: { success: true },
        dependencies: [fakeDigest('dependency')],
      });
      transaction.events!.bcs = { value: new Uint8Array([4, 4]) };
      transaction.events!.digest = fakeDigest('events');
      for (const event of transaction.events!.events) {
        event.json = json;
        event.checkpoint = 8n;
        event.transactionDigest = transaction.digest;
      }
    }
    expect(expectSameAsSdk(GrpcTypes.Checkpoint.toBinary(full))).toEqual(ourCheckpoint(8n));
  });

  it('skips unknown fields of every wire type at every level', () => {
    const checkpoint = protoCheckpoint(4n);
    const unknown = (typeName: string, message: object) => {
      UnknownFieldHandler.onRead(typeName, message, 1001, WireType.Varint, new Uint8Array([0x96, 0x01]));
      UnknownFieldHandler.onRead(typeName, message, 1002, WireType.Bit64, new Uint8Array(8).fill(0xff));
      UnknownFieldHandler.onRead(typeName, message, 1003, WireType.Bit32, new Uint8Array(4).fill(0x80));
      UnknownFieldHandler.onRead(typeName, message, 1004, WireType.LengthDelimited, new Uint8Array([3, 0x80, 0, 1]));
      // A group: one varint field inside, then the group's end tag (field 1005, wire type 4).
      const end = new BinaryWriter().tag(1005, WireType.EndGroup).finish();
      UnknownFieldHandler.onRead(typeName, message, 1005, WireType.StartGroup, concat(new Uint8Array([0x08, 1]), end));
    };
    unknown(GrpcTypes.Checkpoint.typeName, checkpoint);
    unknown(GrpcTypes.CheckpointSummary.typeName, checkpoint.summary!);
    unknown('google.protobuf.Timestamp', checkpoint.summary!.timestamp!);
    for (const transaction of checkpoint.transactions) {
      unknown(GrpcTypes.ExecutedTransaction.typeName, transaction);
      unknown(GrpcTypes.TransactionEvents.typeName, transaction.events!);
      for (const event of transaction.events!.events) {
        unknown(GrpcTypes.Event.typeName, event);
        unknown(GrpcTypes.Bcs.typeName, event.contents!);
      }
    }
    const bytes = GrpcTypes.Checkpoint.toBinary(checkpoint);
    expect(bytes.length).toBeGreaterThan(GrpcTypes.Checkpoint.toBinary(protoCheckpoint(4n)).length);
    expect(expectSameAsSdk(bytes)).toEqual(ourCheckpoint(4n));
  });

  it('merges messages sent in parts and keeps the last value of a scalar sent twice, as protobuf does', () => {
    const { Checkpoint, ExecutedTransaction, TransactionEvents, Event } = GrpcTypes;
    // An event in two parts: its contents merge (the value stays), its sender is the last one sent.
    const splitEvent = concat(
      Event.toBinary(ourEvent({ sender: '0x' + '11'.repeat(32), contents: { value: new Uint8Array([7]) } })),
      Event.toBinary({ sender: SENDER, contents: { name: 'StakeDeposited' } }),
    );
    // A transaction whose events come in two lists, a foreign one and our split event, and its digest last.
    const transaction = concat(
      ExecutedTransaction.toBinary({
        signatures: [],
        balanceChanges: [],
        events: { events: [ourEvent({ contents: { value: new Uint8Array([5]) } })] },
      }),
      asField(
        ExecutedTransaction,
        'events',
        concat(
          TransactionEvents.toBinary({ events: [ourEvent({ eventType: FOREIGN_EVENT_TYPE })] }),
          asField(TransactionEvents, 'events', splitEvent),
        ),
      ),
      ExecutedTransaction.toBinary({ digest: fakeDigest('split'), signatures: [], balanceChanges: [] }),
    );
    const bytes = concat(
      Checkpoint.toBinary({ sequenceNumber: 1n, transactions: [transactionWith([ourEvent()], fakeDigest('first'))] }),
      asField(Checkpoint, 'transactions', transaction),
      Checkpoint.toBinary({
        sequenceNumber: 9n,
        summary: { timestamp: { seconds: 5n, nanos: 0 }, commitments: [] },
        transactions: [],
      }),
      Checkpoint.toBinary({
        summary: { timestamp: { seconds: 0n, nanos: 250_000_000 }, commitments: [] },
        transactions: [],
      }),
    );
    const read = expectSameAsSdk(bytes);
    expect(read).toMatchObject({ sequenceNumber: 9n, timestampMs: 5_250n });
    expect(read.events.map((e) => [e.txDigest, e.eventIndex, e.sender, [...e.bcs]])).toEqual([
      [fakeDigest('first'), 0, SENDER, [1, 2, 3]],
      [fakeDigest('split'), 0, SENDER, [5]],
      [fakeDigest('split'), 2, SENDER, [7]],
    ]);
  });

  it('tells apart strings that end alike and reads non-ASCII ones', () => {
    const types = [ORIGINAL_PACKAGE, UPGRADED_PACKAGE].map((p) => `${p}::events::StakeDeposited`);
    const senders = ['0x' + 'ab'.repeat(32), '0x' + 'cd'.repeat(31) + 'ab', 'sénder ✓ 🦀'];
    const events = [...types, ...types].flatMap((eventType) =>
      senders.map((sender) => ourEvent({ eventType, sender })),
    );
    const reader = new CheckpointReader(filter);
    for (let round = 0; round < 2; round++) {
      const bytes = masked(checkpointWith([transactionWith(events)]));
      expect(reader.read(bytes)).toEqual(viaSdk(bytes));
    }
  });

  it("gives each event a view of the message's bytes, not a copy", () => {
    const bytes = masked(protoCheckpoint(1n));
    const [event] = new CheckpointReader(filter).read(bytes).events;
    expect(event!.bcs.buffer).toBe(bytes.buffer);
  });
});

describe('checkpoint reader: responses', () => {
  const reader = new CheckpointReader(filter);
  const checkpoint = applyMask(GrpcTypes.Checkpoint, protoCheckpoint(2n), mask);

  it('reads the checkpoint of each response the indexer asks for, and the subscription cursor', () => {
    const get = reader.responseReader(GrpcTypes.GetCheckpointResponse, { cursor: false });
    const list = reader.responseReader(GrpcTypes.ListCheckpointsResponse, { cursor: false });
    const subscribe = reader.responseReader(GrpcTypes.SubscribeCheckpointsResponse, { cursor: true });
    const expected: CheckpointResponse = {
      cursor: undefined,
      checkpoint: { sequenceNumber: 2n, checkpoint: ourCheckpoint(2n) },
    };
    expect(get(GrpcTypes.GetCheckpointResponse.toBinary({ checkpoint }))).toEqual(expected);
    const listed = GrpcTypes.ListCheckpointsResponse.toBinary({
      checkpoint,
      watermark: { cursor: new Uint8Array([0, 2]), checkpoint: 2n },
      end: { reason: GrpcTypes.QueryEndReason.ITEM_LIMIT },
    });
    expect(list(listed)).toEqual(expected);
    expect(subscribe(GrpcTypes.SubscribeCheckpointsResponse.toBinary({ cursor: 2n, checkpoint }))).toEqual({
      ...expected,
      cursor: 2n,
    });
  });

  it('merges a checkpoint sent twice in one response and keeps the last cursor', () => {
    const subscribe = reader.responseReader(GrpcTypes.SubscribeCheckpointsResponse, { cursor: true });
    const { transactions, ...envelope } = checkpoint;
    const bytes = concat(
      GrpcTypes.SubscribeCheckpointsResponse.toBinary({ cursor: 1n, checkpoint: { ...envelope, transactions: [] } }),
      GrpcTypes.SubscribeCheckpointsResponse.toBinary({ cursor: 2n, checkpoint: { transactions } }),
    );
    expect(subscribe(bytes)).toEqual({ cursor: 2n, checkpoint: { sequenceNumber: 2n, checkpoint: ourCheckpoint(2n) } });
  });

  it('returns a response without a checkpoint as such, and an unusable checkpoint with its error', () => {
    const list = reader.responseReader(GrpcTypes.ListCheckpointsResponse, { cursor: false });
    const watermarkOnly = GrpcTypes.ListCheckpointsResponse.toBinary({ watermark: { checkpoint: 9n } });
    expect(list(watermarkOnly)).toEqual({ cursor: undefined, checkpoint: undefined });
    const noTimestamp = GrpcTypes.ListCheckpointsResponse.toBinary({
      checkpoint: { sequenceNumber: 4n, transactions: [] },
    });
    const read = list(noTimestamp).checkpoint!;
    expect(read.sequenceNumber).toBe(4n);
    expect(read.error).toBeInstanceOf(MalformedCheckpointError);
    expect(read.error?.message).toContain(
      'checkpoint 4 from the node lacks fields the indexer reads: summary.timestamp',
    );
  });

  it('refuses, when built, an SDK response type without the fields it reads', () => {
    expect(() => reader.responseReader(new MessageType('test.Empty', []), { cursor: false })).toThrow(
      `@mysten/sui's test.Empty has no message field "checkpoint"`,
    );
    const stringCursor = new MessageType('test.StringCursor', [
      { no: 1, name: 'cursor', kind: 'scalar', T: ScalarType.STRING },
      { no: 2, name: 'checkpoint', kind: 'message', T: () => GrpcTypes.Checkpoint },
    ]);
    expect(() => reader.responseReader(stringCursor, { cursor: true })).toThrow(
      'has no uint64 field "cursor" (it is string)',
    );
  });
});

describe('checkpoint reader: checkpoints missing what the indexer reads', () => {
  const malformed: [string, GrpcTypes.Checkpoint, string[]][] = [
    ['no sequence number', { ...checkpointWith([]), sequenceNumber: undefined }, ['(no number)', 'sequence_number']],
    ['no summary', { ...checkpointWith([]), summary: undefined }, ['checkpoint 3 ', 'summary.timestamp']],
    [
      'a summary without a timestamp',
      { ...checkpointWith([]), summary: { epoch: 1n, commitments: [] } },
      ['checkpoint 3 ', 'summary.timestamp'],
    ],
    ['neither', { transactions: [] }, ['(no number)', 'sequence_number, summary.timestamp']],
    [
      'an event of ours without package_id',
      checkpointWith([
        transactionWith([ourEvent({ eventType: FOREIGN_EVENT_TYPE }), ourEvent({ packageId: undefined })]),
      ]),
      ['event 1 of transaction', 'checkpoint 3 ', 'package_id'],
    ],
    [
      'an event of ours without sender',
      checkpointWith([transactionWith([ourEvent({ sender: undefined })])]),
      ['event 0 ', 'sender'],
    ],
    [
      'an event of ours without contents',
      checkpointWith([transactionWith([ourEvent({ contents: undefined })])]),
      ['event 0 ', 'contents.value'],
    ],
    [
      'an event of ours with contents but no value',
      checkpointWith([transactionWith([ourEvent({ contents: { name: 'StakeDeposited' } })])]),
      ['contents.value'],
    ],
    [
      'an event of ours in a transaction without digest',
      checkpointWith([transactionWith([ourEvent()], null)]),
      ['event 0 of transaction (no digest) in checkpoint 3 ', 'transaction digest'],
    ],
    [
      'the second of two bad transactions, the first one reported',
      checkpointWith([
        transactionWith([ourEvent()], fakeDigest('good')),
        transactionWith(
          [ourEvent({ eventType: FOREIGN_EVENT_TYPE }), ourEvent({ sender: undefined })],
          fakeDigest('bad'),
        ),
        transactionWith([ourEvent({ packageId: undefined })], fakeDigest('worse')),
      ]),
      [`event 1 of transaction ${fakeDigest('bad')} `, 'sender'],
    ],
    [
      'a bad event and no sequence number, the envelope reported',
      { ...checkpointWith([transactionWith([ourEvent({ sender: undefined })])]), sequenceNumber: undefined },
      ['(no number)', 'sequence_number'],
    ],
  ];

  it.each(malformed)(
    'throws MalformedCheckpointError where checkpointFromProto does: %s',
    (_, checkpoint, mentions) => {
      const bytes = GrpcTypes.Checkpoint.toBinary(checkpoint);
      expect(() => viaSdk(bytes)).toThrow(MalformedCheckpointError);
      const error = thrown(() => new CheckpointReader(filter).read(bytes));
      expect(error).toBeInstanceOf(MalformedCheckpointError);
      for (const mention of mentions) expect((error as Error).message).toContain(mention);
    },
  );

  const usable: [string, GrpcTypes.Checkpoint][] = [
    [
      'a foreign event lacking every field but its type',
      checkpointWith([transactionWith([{ eventType: FOREIGN_EVENT_TYPE }, ourEvent()])]),
    ],
    [
      'a transaction without digest with foreign events only',
      checkpointWith([transactionWith([ourEvent({ eventType: FOREIGN_EVENT_TYPE })], null)]),
    ],
    ['an event without a type', checkpointWith([transactionWith([ourEvent({ eventType: undefined }), ourEvent()])])],
    ['a transaction without events', checkpointWith([{ digest: undefined, signatures: [], balanceChanges: [] }])],
    ['empty BCS contents', checkpointWith([transactionWith([ourEvent({ contents: { value: new Uint8Array() } })])])],
  ];

  it.each(usable)('reads what checkpointFromProto accepts: %s', (_, checkpoint) => {
    expectSameAsSdk(GrpcTypes.Checkpoint.toBinary(checkpoint));
  });
});

describe('checkpoint reader: bytes that are not a checkpoint', () => {
  it('fails on every truncation the SDK fails on, and reads the others alike', () => {
    const bytes = masked(protoCheckpoint(2n));
    const reader = new CheckpointReader(filter);
    for (let length = 0; length < bytes.length; length++) {
      const cut = bytes.subarray(0, length);
      let sdk: Checkpoint | Error;
      try {
        sdk = viaSdk(cut);
      } catch (error) {
        sdk = error as Error;
      }
      if (sdk instanceof MalformedCheckpointError) expect(() => reader.read(cut)).toThrow(MalformedCheckpointError);
      else if (sdk instanceof Error)
        expect(thrown(() => reader.read(cut))).not.toBeInstanceOf(MalformedCheckpointError);
      else expect(reader.read(cut)).toEqual(sdk);
    }
  });

  it('refuses a field it reads arriving with another wire type (the SDK would mis-read it)', () => {
    const no = GrpcTypes.Checkpoint.fields.find((f) => f.name === 'sequence_number')!.no;
    const bytes = new BinaryWriter()
      .tag(no, WireType.LengthDelimited)
      .bytes(new Uint8Array([1, 2]))
      .finish();
    expect(() => new CheckpointReader(filter).read(bytes)).toThrow(
      `field ${no} of sui.rpc.v2.Checkpoint came with wire type 2`,
    );
  });

  it('refuses a field running past the end of its message', () => {
    // An event whose sender claims more bytes than the event holds (but the checkpoint does).
    const senderNo = GrpcTypes.Event.fields.find((f) => f.name === 'sender')!.no;
    const event = concat(
      new BinaryWriter().tag(senderNo, WireType.LengthDelimited).uint32(40).finish(),
      new Uint8Array(2),
    );
    const transaction = asField(
      GrpcTypes.ExecutedTransaction,
      'events',
      asField(GrpcTypes.TransactionEvents, 'events', event),
    );
    const bytes = concat(asField(GrpcTypes.Checkpoint, 'transactions', transaction), new Uint8Array(60));
    expect(() => new CheckpointReader(filter).read(bytes)).toThrow(RangeError);
  });
});
