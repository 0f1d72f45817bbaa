/**
 * Reads a full node's checkpoints straight from their protobuf encoding into
 * the indexer's `Checkpoint`. Backfill is CPU-bound, and the SDK's decoding
 * (`GrpcTypes.Checkpoint.fromBinary`, reflection-based) builds an object for
 * every message of every event, to be checked and copied by
 * `checkpointFromProto` and then collected; this reads only the fields of
 * `CHECKPOINT_READ_MASK`, skips everything else and builds nothing but the
 * result: a view of each event's BCS bytes (not a copy) and strings, shared
 * from one event to the next when their bytes are the same.
 *
 * The result and the checks are `checkpointFromProto`'s: for a checkpoint the
 * SDK decodes, `new CheckpointReader(filter).read(bytes)` deep-equals
 * `checkpointFromProto(GrpcTypes.Checkpoint.fromBinary(bytes), filter)`, and
 * throws `MalformedCheckpointError` where that throws (its message names the
 * checkpoint and the missing fields by their proto names). Field numbers and
 * types are the SDK's, looked up when this module loads: an SDK whose messages
 * lack a field read here fails at startup, not on the first checkpoint.
 *
 * Protobuf's rules are kept: fields in any order, a scalar sent twice counts
 * with its last value, a message field sent twice is merged (a checkpoint's
 * summary, a transaction's event list, an event's contents), repeated fields
 * append, unknown fields (groups included) are skipped. Where the SDK would
 * silently mis-read, this throws a plain `Error` instead: a field read here
 * arriving with another wire type, a field running past the end of its
 * message. Fields skipped are not decoded, so bad UTF-8 in them (which the SDK
 * refuses) goes unnoticed; strings read are decoded as strictly as the SDK does.
 */
import { GrpcTypes } from '@mysten/sui/grpc';
import { BinaryReader, ScalarType, WireType, type FieldInfo, type IMessageType } from '@protobuf-ts/runtime';
import type { Checkpoint, CheckpointEvent } from './checkpoint.ts';
import { MalformedCheckpointError } from './errors.ts';
import type { PackageFilter } from './packageFilter.ts';

/** A checkpoint as read from a response: ours, or why the indexer cannot use it. */
export type CheckpointRead =
  | { sequenceNumber: bigint; checkpoint: Checkpoint; error?: undefined }
  | { sequenceNumber: bigint | undefined; checkpoint?: undefined; error: MalformedCheckpointError };

/** What the indexer reads of a response carrying a checkpoint (`GetCheckpoint`, `ListCheckpoints`, `SubscribeCheckpoints`). */
export interface CheckpointResponse {
  /** The stream's position, for responses that have a `cursor` field. */
  cursor: bigint | undefined;
  /** Undefined when the response carries no checkpoint. */
  checkpoint: CheckpointRead | undefined;
}

/**
 * Reads checkpoints with our events; one per source, since it keeps the
 * strings it decoded for the events that follow.
 */
export class CheckpointReader {
  readonly #filter: PackageFilter;
  readonly #strings = new StringCache();
  readonly #ours = new Map<string, boolean>();

  constructor(filter: PackageFilter) {
    this.#filter = filter;
  }

  /** Checkpoint `bytes` (a `GrpcTypes.Checkpoint` encoding) with our events. */
  read(bytes: Uint8Array): Checkpoint {
    const draft = this.#draft(bytes);
    readCheckpointFields(new BinaryReader(bytes, utf8), bytes.length, draft);
    return checkpointOf(finish(draft));
  }

  /**
   * A reader of `type`'s encoding: a response with a `checkpoint` field, and
   * a `cursor` if `options.cursor`. A checkpoint the indexer cannot use comes
   * with its error, not thrown: like the SDK's decoding, reading a response
   * fails only on bytes that are not protobuf, and callers decide what to
   * check (a stream skips, unread, checkpoints it has already yielded).
   */
  responseReader(type: IMessageType<object>, options: { cursor: boolean }): (bytes: Uint8Array) => CheckpointResponse {
    const fields = options.cursor
      ? tagsOf(type, { checkpoint: ['checkpoint', 'message'], cursor: ['cursor', 'uint64'] })
      : tagsOf(type, { checkpoint: ['checkpoint', 'message'] });
    const checkpointTag = fields.tag.checkpoint;
    const cursorTag = 'cursor' in fields.tag ? fields.tag.cursor : NO_TAG;
    return (bytes) => {
      const reader = new BinaryReader(bytes, utf8);
      let cursor: bigint | undefined;
      let draft: Draft | undefined;
      while (reader.pos < bytes.length) {
        const tag = reader.uint32();
        if (tag === checkpointTag) {
          const end = delimited(reader, bytes.length);
          readCheckpointFields(reader, end, (draft ??= this.#draft(bytes)));
        } else if (tag === cursorTag) {
          cursor = reader.uint64().toBigInt();
        } else {
          skipField(reader, tag, fields);
        }
      }
      return { cursor, checkpoint: draft && finish(draft) };
    };
  }

  #draft(bytes: Uint8Array): Draft {
    return {
      bytes,
      view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      filter: this.#filter,
      ours: this.#ours,
      strings: this.#strings,
      sequenceNumber: undefined,
      timestamp: undefined,
      events: [],
      problem: undefined,
      event: { packageId: -1, packageIdEnd: -1, sender: -1, senderEnd: -1, type: -1, typeEnd: -1, bcs: -1, bcsEnd: -1 },
    };
  }
}

/** The checkpoint read, or its `MalformedCheckpointError` thrown. */
export function checkpointOf(read: CheckpointRead): Checkpoint {
  if (read.error) throw read.error;
  return read.checkpoint;
}

type Shape = 'uint64' | 'int64' | 'int32' | 'string' | 'bytes' | 'message' | 'repeated message';

/** Tags of the fields of one message type read here. */
interface Tags<K extends string> {
  typeName: string;
  /** Each field's tag (number and wire type) as it must come on the wire. */
  tag: Readonly<Record<K, number>>;
  /** Their field numbers: one of them with another wire type is an error, not an unknown field. */
  numbers: readonly number[];
  /** The SDK's type of a message field. */
  messageType(key: K): IMessageType<object>;
}

/** Looks up `fields` (key: [proto name, shape]) in the SDK's `type`; throws if one is missing or shaped otherwise. */
function tagsOf<K extends string>(type: IMessageType<object>, fields: Record<K, readonly [string, Shape]>): Tags<K> {
  const tag = {} as Record<K, number>;
  const infos = {} as Record<K, FieldInfo>;
  for (const key of Object.keys(fields) as K[]) {
    const [name, shape] = fields[key];
    const info = type.fields.find((f) => f.name === name);
    if (!info || shapeOf(info) !== shape) {
      throw new Error(
        `@mysten/sui's ${type.typeName} has no ${shape} field "${name}"${info ? ` (it is ${shapeOf(info)})` : ''}; the indexer's checkpoint reader needs updating for this SDK version`,
      );
    }
    infos[key] = info;
    const varint = shape === 'uint64' || shape === 'int64' || shape === 'int32';
    tag[key] = (info.no << 3) | (varint ? WireType.Varint : WireType.LengthDelimited);
  }
  return {
    typeName: type.typeName,
    tag,
    numbers: Object.values<number>(tag).map((t) => t >>> 3),
    messageType: (key) => {
      const info = infos[key];
      if (info.kind !== 'message') throw new Error(`${type.typeName}.${info.name} is not a message field`);
      return info.T();
    },
  };
}

function shapeOf(field: FieldInfo): string {
  // A oneof member is cleared by its siblings: not a shape this reader handles.
  if (field.oneof) return 'oneof member';
  const kind = field.kind === 'scalar' ? ScalarType[field.T].toLowerCase() : field.kind;
  return field.repeat ? `repeated ${kind}` : kind;
}

const checkpointFields = tagsOf(GrpcTypes.Checkpoint, {
  sequenceNumber: ['sequence_number', 'uint64'],
  summary: ['summary', 'message'],
  transactions: ['transactions', 'repeated message'],
});
const summaryFields = tagsOf(checkpointFields.messageType('summary'), { timestamp: ['timestamp', 'message'] });
const timestampFields = tagsOf(summaryFields.messageType('timestamp'), {
  seconds: ['seconds', 'int64'],
  nanos: ['nanos', 'int32'],
});
const transactionFields = tagsOf(checkpointFields.messageType('transactions'), {
  digest: ['digest', 'string'],
  events: ['events', 'message'],
});
const transactionEventsFields = tagsOf(transactionFields.messageType('events'), {
  events: ['events', 'repeated message'],
});
const eventFields = tagsOf(transactionEventsFields.messageType('events'), {
  packageId: ['package_id', 'string'],
  sender: ['sender', 'string'],
  eventType: ['event_type', 'string'],
  contents: ['contents', 'message'],
});
const bcsFields = tagsOf(eventFields.messageType('contents'), { value: ['value', 'bytes'] });

/** Matches no tag (field numbers start at 1). */
const NO_TAG = -1;

/** As strict as the SDK's reader: bad UTF-8 throws, a byte order mark is kept. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A checkpoint being read; a checkpoint field sent twice goes on filling the same draft. */
interface Draft {
  /** The whole message the checkpoint is read from. */
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly filter: PackageFilter;
  /** `filter`'s answer by event type: types are few and their strings shared, so a lookup is cheaper than asking. */
  readonly ours: Map<string, boolean>;
  readonly strings: StringCache;
  sequenceNumber: bigint | undefined;
  timestamp: { seconds: bigint; nanos: number } | undefined;
  /** Our usable events so far, in order. */
  readonly events: CheckpointEvent[];
  /** The first of our events the indexer cannot use, reported once the envelope is known good. */
  problem: { eventIndex: number; txDigest: string | undefined; missing: string[] } | undefined;
  /** Where the event being read lies in the bytes, reused from one event to the next. */
  readonly event: EventSpans;
}

/** Start and end offsets of an event's fields in the message's bytes; a start of -1: not sent. */
interface EventSpans {
  packageId: number;
  packageIdEnd: number;
  sender: number;
  senderEnd: number;
  type: number;
  typeEnd: number;
  bcs: number;
  bcsEnd: number;
}

function finish(draft: Draft): CheckpointRead {
  const { sequenceNumber, timestamp, problem } = draft;
  if (sequenceNumber === undefined || timestamp === undefined) {
    const missing = [sequenceNumber === undefined && 'sequence_number', timestamp === undefined && 'summary.timestamp'];
    return {
      sequenceNumber,
      error: new MalformedCheckpointError(
        `checkpoint ${sequenceNumber ?? '(no number)'} from the node lacks fields the indexer reads: ${missing.filter(Boolean).join(', ')} (does the node honour read masks?)`,
      ),
    };
  }
  if (problem) {
    return {
      sequenceNumber,
      error: new MalformedCheckpointError(
        `event ${problem.eventIndex} of transaction ${problem.txDigest || '(no digest)'} in checkpoint ${sequenceNumber} lacks fields the indexer reads: ${problem.missing.join(', ')}`,
      ),
    };
  }
  const timestampMs = timestamp.seconds * 1000n + BigInt(Math.floor(timestamp.nanos / 1_000_000));
  return { sequenceNumber, checkpoint: { sequenceNumber, timestampMs, events: draft.events } };
}

function readCheckpointFields(reader: BinaryReader, end: number, draft: Draft): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === checkpointFields.tag.transactions) {
      readTransaction(reader, delimited(reader, end), draft);
    } else if (tag === checkpointFields.tag.sequenceNumber) {
      draft.sequenceNumber = reader.uint64().toBigInt();
    } else if (tag === checkpointFields.tag.summary) {
      readSummary(reader, delimited(reader, end), draft);
    } else {
      skipField(reader, tag, checkpointFields);
    }
  }
  endMessage(reader, end, checkpointFields);
}

function readSummary(reader: BinaryReader, end: number, draft: Draft): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag !== summaryFields.tag.timestamp) {
      skipField(reader, tag, summaryFields);
      continue;
    }
    const timestampEnd = delimited(reader, end);
    const timestamp = (draft.timestamp ??= { seconds: 0n, nanos: 0 });
    while (reader.pos < timestampEnd) {
      const field = reader.uint32();
      if (field === timestampFields.tag.seconds) timestamp.seconds = reader.int64().toBigInt();
      else if (field === timestampFields.tag.nanos) timestamp.nanos = reader.int32();
      else skipField(reader, field, timestampFields);
    }
    endMessage(reader, timestampEnd, timestampFields);
  }
  endMessage(reader, end, summaryFields);
}

/**
 * One transaction: our events are pushed as they are read and given the
 * digest at the end, since the digest may come after them.
 */
function readTransaction(reader: BinaryReader, end: number, draft: Draft): void {
  const { bytes, view, events, strings, event } = draft;
  const firstOurs = events.length;
  let digest = -1;
  let digestEnd = -1;
  // Every event of the transaction counts, ours or not: indices are the node's.
  let eventIndex = 0;
  let firstOursIndex = -1;
  let problem: { eventIndex: number; missing: string[] } | undefined;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === transactionFields.tag.digest) {
      digestEnd = delimited(reader, end);
      digest = reader.pos;
      reader.pos = digestEnd;
      continue;
    }
    if (tag !== transactionFields.tag.events) {
      skipField(reader, tag, transactionFields);
      continue;
    }
    const listEnd = delimited(reader, end);
    while (reader.pos < listEnd) {
      const listTag = reader.uint32();
      if (listTag !== transactionEventsFields.tag.events) {
        skipField(reader, listTag, transactionEventsFields);
        continue;
      }
      readEvent(reader, delimited(reader, listEnd), event);
      const index = eventIndex++;
      if (event.type < 0) continue;
      const type = strings.text(bytes, view, event.type, event.typeEnd);
      if (!isOurs(draft, type)) continue;
      if (firstOursIndex < 0) firstOursIndex = index;
      if (event.packageId < 0 || event.sender < 0 || event.bcs < 0) {
        problem ??= { eventIndex: index, missing: missingFields(event) };
        continue;
      }
      events.push({
        txDigest: '',
        eventIndex: index,
        type,
        packageId: strings.text(bytes, view, event.packageId, event.packageIdEnd),
        sender: strings.text(bytes, view, event.sender, event.senderEnd),
        bcs: bytes.subarray(event.bcs, event.bcsEnd),
      });
    }
    endMessage(reader, listEnd, transactionEventsFields);
  }
  endMessage(reader, end, transactionFields);

  if (firstOursIndex < 0) return;
  // Digests are unique: decoded, not cached.
  const txDigest = digest < 0 ? undefined : utf8.decode(bytes.subarray(digest, digestEnd));
  if (!txDigest) {
    // Without a digest the first of our events is unusable, whatever else it lacks.
    const missing = problem?.eventIndex === firstOursIndex ? problem.missing : [];
    draft.problem ??= { eventIndex: firstOursIndex, txDigest, missing: [...missing, 'transaction digest'] };
  } else if (problem) {
    draft.problem ??= { ...problem, txDigest };
  } else {
    for (let i = firstOurs; i < events.length; i++) events[i]!.txDigest = txDigest;
  }
}

function isOurs(draft: Draft, type: string): boolean {
  let ours = draft.ours.get(type);
  if (ours === undefined) {
    ours = draft.filter.matches(type);
    // Bounded, as the chain's types are not: start afresh rather than grow.
    if (draft.ours.size >= TYPES_REMEMBERED) draft.ours.clear();
    draft.ours.set(type, ours);
  }
  return ours;
}

function readEvent(reader: BinaryReader, end: number, event: EventSpans): void {
  event.packageId = event.sender = event.type = event.bcs = -1;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === eventFields.tag.eventType) {
      event.typeEnd = delimited(reader, end);
      event.type = reader.pos;
      reader.pos = event.typeEnd;
    } else if (tag === eventFields.tag.packageId) {
      event.packageIdEnd = delimited(reader, end);
      event.packageId = reader.pos;
      reader.pos = event.packageIdEnd;
    } else if (tag === eventFields.tag.sender) {
      event.senderEnd = delimited(reader, end);
      event.sender = reader.pos;
      reader.pos = event.senderEnd;
    } else if (tag === eventFields.tag.contents) {
      const contentsEnd = delimited(reader, end);
      while (reader.pos < contentsEnd) {
        const field = reader.uint32();
        if (field === bcsFields.tag.value) {
          event.bcsEnd = delimited(reader, contentsEnd);
          event.bcs = reader.pos;
          reader.pos = event.bcsEnd;
        } else {
          skipField(reader, field, bcsFields);
        }
      }
      endMessage(reader, contentsEnd, bcsFields);
    } else {
      skipField(reader, tag, eventFields);
    }
  }
  endMessage(reader, end, eventFields);
}

function missingFields(event: EventSpans): string[] {
  const missing: string[] = [];
  if (event.packageId < 0) missing.push('package_id');
  if (event.sender < 0) missing.push('sender');
  if (event.bcs < 0) missing.push('contents.value');
  return missing;
}

/** Event types whose filter answer is remembered, at most. */
const TYPES_REMEMBERED = 4096;

/** Cached strings (at most this many; a power of two). */
const STRING_SLOTS = 4096;

/** A cached string and its bytes (a copy), with a view to compare them four at a time. */
interface CachedString {
  text: string;
  bytes: Uint8Array;
  view: DataView;
}

/**
 * Strings decoded from checkpoints, by their bytes. Event types, package IDs
 * and senders recur from event to event: sharing one string per value spares
 * decoding it and, above all, the garbage collector copying thousands of
 * copies while checkpoints wait for their batch to commit. ASCII strings only
 * (their bytes are their characters), in slots by a hash of their length and
 * last bytes (where types and addresses differ); a new string takes its slot.
 */
class StringCache {
  readonly #slots = new Array<CachedString | undefined>(STRING_SLOTS).fill(undefined);

  /** The string in `bytes[start..end)` (`view` is a view of `bytes`). */
  text(bytes: Uint8Array, view: DataView, start: number, end: number): string {
    const length = end - start;
    let hash = length;
    if (length >= 8) {
      hash = Math.imul(view.getUint32(end - 4) ^ length, 0x9e3779b1) ^ Math.imul(view.getUint32(end - 8), 0x85ebca6b);
    } else {
      for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x9e3779b1);
    }
    const slot = (hash ^ (hash >>> 16)) & (STRING_SLOTS - 1);
    const cached = this.#slots[slot];
    if (cached !== undefined && cached.bytes.length === length && sameBytes(cached, view, bytes, start)) {
      return cached.text;
    }
    const text = utf8.decode(bytes.subarray(start, end));
    if (text.length === length) {
      // A copy: a view would keep the whole message alive (and Buffer#slice makes views).
      const copy = new Uint8Array(bytes.subarray(start, end));
      this.#slots[slot] = { text, bytes: copy, view: new DataView(copy.buffer) };
    }
    return text;
  }
}

function sameBytes(cached: CachedString, view: DataView, bytes: Uint8Array, start: number): boolean {
  const length = cached.bytes.length;
  let i = 0;
  for (; i + 4 <= length; i += 4) if (cached.view.getUint32(i) !== view.getUint32(start + i)) return false;
  for (; i < length; i++) if (cached.bytes[i] !== bytes[start + i]) return false;
  return true;
}

/** Reads a length prefix and returns where the field ends; the reader is left at its first byte. */
function delimited(reader: BinaryReader, limit: number): number {
  const length = reader.uint32();
  const end = reader.pos + length;
  if (end > limit) throw new RangeError(`a field of ${length} bytes runs past the end of its message`);
  return end;
}

function endMessage(reader: BinaryReader, end: number, fields: Tags<string>): void {
  if (reader.pos !== end) throw new RangeError(`a field of ${fields.typeName} runs past the end of the message`);
}

function skipField(reader: BinaryReader, tag: number, fields: Tags<string>): void {
  const no = tag >>> 3;
  if (fields.numbers.includes(no)) {
    throw new Error(`field ${no} of ${fields.typeName} came with wire type ${tag & 7}, not the one of its type`);
  }
  if (no === 0) throw new Error(`illegal tag in ${fields.typeName}: field number 0`);
  reader.skip(tag & 7);
}
