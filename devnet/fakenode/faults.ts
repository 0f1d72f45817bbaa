/**
 * Fault injection for the fake node: a plan looks at each call and says what
 * goes wrong with it, if anything. Plans are plain functions, so a test can
 * fail "the 3rd GetCheckpoint", "10% of everything, seeded" or "every stream
 * after 50 messages" and change its mind mid-run (`server.setFaults`).
 */
import { GrpcStatusCode } from '@mysten/sui/grpc';

export interface CallInfo {
  /** Full service name, e.g. `sui.rpc.v2.LedgerService`. */
  service: string;
  /** Method name as in the proto, e.g. `GetCheckpoint`. */
  method: string;
  streaming: boolean;
  /** Calls the server has received so far, this one included (1-based). */
  index: number;
}

export type Fault =
  /** A plain HTTP error before any gRPC framing, like a proxy or load balancer returns. */
  | { kind: 'httpError'; status: number }
  /** A trailers-only response with an error status. */
  | { kind: 'grpcError'; code: GrpcStatusCode; message?: string }
  /** Waits before serving the call normally. */
  | { kind: 'delay'; ms: number }
  /** Destroys the connection without answering. */
  | { kind: 'drop' }
  /** Sends half of the first response frame, then ends the response. */
  | { kind: 'truncate' }
  /**
   * Ends a server stream after `afterMessages` messages or `afterMs`
   * milliseconds, whichever comes first: by destroying the connection, by a
   * trailer with status `code` (UNAVAILABLE by default), or mid-frame.
   */
  | {
      kind: 'resetStream';
      afterMessages?: number;
      afterMs?: number;
      ending: 'destroy' | 'status' | 'truncate';
      code?: GrpcStatusCode;
    };

export type FaultPlan = (call: CallInfo) => Fault | readonly Fault[] | undefined;

/** A small seeded PRNG (mulberry32), so random fault runs can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Each call (of the kinds chosen: unary, streaming or all) fails with
 * probability `rate`, with one of `faults` picked at random (seeded).
 */
export function randomFaults(options: {
  seed: number;
  rate: number;
  faults: readonly Fault[];
  calls?: 'unary' | 'streaming' | 'all';
}): FaultPlan {
  const random = seededRandom(options.seed);
  const calls = options.calls ?? 'all';
  return (call) => {
    if ((calls === 'unary' && call.streaming) || (calls === 'streaming' && !call.streaming)) return undefined;
    if (random() >= options.rate) return undefined;
    return options.faults[Math.floor(random() * options.faults.length)];
  };
}

/** Every server stream is reset as described (public full nodes reset streams about every 30 s). */
export function resetEveryStream(reset: Omit<Extract<Fault, { kind: 'resetStream' }>, 'kind'>): FaultPlan {
  return (call) => (call.streaming ? { kind: 'resetStream', ...reset } : undefined);
}

/** All of the plans' faults for each call. */
export function combineFaults(...plans: FaultPlan[]): FaultPlan {
  return (call) => plans.flatMap((plan) => [plan(call) ?? []].flat());
}

/** Faults only for calls to `method` (e.g. `GetCheckpoint`). */
export function onlyMethod(method: string, plan: FaultPlan): FaultPlan {
  return (call) => (call.method === method ? plan(call) : undefined);
}
