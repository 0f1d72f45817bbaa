/**
 * A gRPC-web server on plain `node:http`, routed by a table of protobuf-ts
 * service definitions (the ones `@mysten/sui/grpc` exports, e.g.
 * `GrpcTypes.LedgerService`). Handlers receive decoded request messages and
 * return response messages (unary) or an async iterable of them (server
 * streaming); the server does framing, both wire formats, status trailers,
 * CORS for browsers, cancellation when the client goes away, and the faults a
 * test asks for.
 *
 * ```ts
 * const server = new GrpcWebServer();
 * server.addService(GrpcTypes.LedgerService, {
 *   GetServiceInfo: unary(async () => ({ chainId: 'abc' })),
 * });
 * const url = await server.listen();
 * ```
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MethodInfo, ServiceType } from '@protobuf-ts/runtime-rpc';
import { GrpcStatusCode } from '@mysten/sui/grpc';
import type { CallInfo, Fault, FaultPlan } from './faults.ts';
import {
  contentTypeOf,
  DATA_FRAME,
  DataFrame,
  decodeRequestMessage,
  encodeFrame,
  encodeTrailer,
  toWire,
  wireFormatOf,
  type WireFormat,
} from './grpcWeb.ts';

/** Throw from a handler to end the call with this gRPC status. */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: GrpcStatusCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CallContext {
  info: CallInfo;
  /** Aborted when the client disconnects or the server closes. */
  signal: AbortSignal;
}

/** A response message, or its protobuf encoding when the handler has it ready. */
export type Response<O> = O | Uint8Array;
/** A streamed response: also a whole data frame (see `DataFrame`). */
export type StreamedResponse<O> = Response<O> | DataFrame;

export interface UnaryMethod<I extends object, O extends object> {
  kind: 'unary';
  handle(request: I, call: CallContext): Response<O> | Promise<Response<O>>;
}

export interface ServerStreamingMethod<I extends object, O extends object> {
  kind: 'serverStreaming';
  handle(request: I, call: CallContext): AsyncIterable<StreamedResponse<O>>;
}

// The request/response types of a method are only known to its author; the table stores them erased.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MethodImplementation = UnaryMethod<any, any> | ServerStreamingMethod<any, any>;

export function unary<I extends object, O extends object>(handle: UnaryMethod<I, O>['handle']): UnaryMethod<I, O> {
  return { kind: 'unary', handle };
}

export function serverStreaming<I extends object, O extends object>(
  handle: ServerStreamingMethod<I, O>['handle'],
): ServerStreamingMethod<I, O> {
  return { kind: 'serverStreaming', handle };
}

interface Route {
  method: MethodInfo;
  implementation: MethodImplementation;
}

/** Calls served per `Service/Method`, for tests that check retries happened. */
export type CallCounts = Map<string, number>;

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'grpc-status, grpc-message',
};

export class GrpcWebServer {
  readonly #routes = new Map<string, Route>();
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #faults: FaultPlan | undefined;
  #calls = 0;
  readonly callCounts: CallCounts = new Map();
  /** Calls being served now, and the most at once since start (tests check client concurrency). */
  inFlight = 0;
  peakInFlight = 0;

  constructor(options: { faults?: FaultPlan } = {}) {
    this.#faults = options.faults;
    this.#server = createServer((req, res) => void this.#handle(req, res));
    // Longer than clients' keep-alive, so the server never closes a socket a client is about to reuse.
    this.#server.keepAliveTimeout = 65_000;
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /**
   * Serves `implementations` (keyed by proto method name, e.g. `GetCheckpoint`) for `service`.
   * Methods without an implementation answer UNIMPLEMENTED, like a real server.
   */
  addService(service: ServiceType, implementations: Record<string, MethodImplementation>): this {
    for (const [name, implementation] of Object.entries(implementations)) {
      const method = service.methods.find((m) => m.name === name);
      if (!method) throw new Error(`${service.typeName} has no method ${name}`);
      const expected = method.serverStreaming ? 'serverStreaming' : 'unary';
      if (method.clientStreaming || implementation.kind !== expected) {
        throw new Error(
          `${service.typeName}/${name} is ${method.clientStreaming ? 'client streaming' : expected}, got ${implementation.kind}`,
        );
      }
      this.#routes.set(`/${service.typeName}/${name}`, { method, implementation });
    }
    return this;
  }

  /** Replaces the fault plan (undefined: no faults). */
  setFaults(plan: FaultPlan | undefined): void {
    this.#faults = plan;
  }

  /** Starts listening; resolves to the base URL clients use. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => resolve());
    });
    const address = this.#server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  /** Stops accepting calls, ends open streams and connections. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...corsHeaders,
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '86400',
      });
      res.end();
      return;
    }
    const route = this.#routes.get(req.url ?? '');
    const format = wireFormatOf(req.headers['content-type']);
    if (req.method !== 'POST' || !format) {
      res.writeHead(req.method !== 'POST' ? 405 : 415, { ...corsHeaders, 'content-type': 'text/plain' });
      res.end('gRPC-web only: POST with content-type application/grpc-web-text or application/grpc-web+proto\n');
      return;
    }
    const body = await readBody(req);
    const [serviceName = '', methodName = ''] = (req.url ?? '').slice(1).split('/');
    const info: CallInfo = {
      service: serviceName,
      method: methodName,
      streaming: route?.method.serverStreaming ?? false,
      index: ++this.#calls,
    };
    this.callCounts.set(`${serviceName}/${methodName}`, (this.callCounts.get(`${serviceName}/${methodName}`) ?? 0) + 1);

    const aborted = new AbortController();
    this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
    res.on('close', () => {
      this.inFlight -= 1;
      aborted.abort();
    });
    // close() destroys every socket, which aborts each call through its response's 'close'.
    const signal = aborted.signal;
    const call = new ResponseWriter(res, format);

    try {
      const faults = [this.#faults?.(info) ?? []].flat();
      for (const fault of faults) {
        if (fault.kind === 'delay') await sleep(fault.ms, undefined, { signal });
        if (fault.kind === 'drop') return void req.socket.destroy();
        if (fault.kind === 'httpError') {
          res.writeHead(fault.status, { ...corsHeaders, 'content-type': 'text/plain' });
          return void res.end(`injected HTTP ${fault.status}\n`);
        }
        if (fault.kind === 'grpcError') throw new GrpcStatusError(fault.code, fault.message ?? 'injected fault');
      }
      if (!route) throw new GrpcStatusError(GrpcStatusCode.UNIMPLEMENTED, `unknown method ${req.url}`);

      let request: object;
      try {
        request = route.method.I.fromBinary(decodeRequestMessage(body, format));
      } catch (error) {
        throw new GrpcStatusError(
          GrpcStatusCode.INVALID_ARGUMENT,
          `cannot decode request: ${(error as Error).message}`,
        );
      }
      const context: CallContext = { info, signal };
      const truncate = faults.some((f) => f.kind === 'truncate');
      if (route.implementation.kind === 'unary') {
        const response = await route.implementation.handle(request, context);
        call.unary(response instanceof Uint8Array ? response : route.method.O.toBinary(response), truncate);
      } else {
        const reset = faults.find((f): f is Extract<Fault, { kind: 'resetStream' }> => f.kind === 'resetStream');
        await call.stream(route.implementation.handle(request, context), route.method, signal, truncate, reset);
      }
    } catch (error) {
      if (signal.aborted) return void res.destroy();
      const status =
        error instanceof GrpcStatusError
          ? error
          : new GrpcStatusError(GrpcStatusCode.INTERNAL, (error as Error).message ?? String(error));
      call.fail(status.code, status.message);
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes one call's response in its wire format. */
class ResponseWriter {
  #headersSent = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly format: WireFormat,
  ) {}

  unary(message: Uint8Array, truncate: boolean): void {
    const data = encodeFrame(DATA_FRAME, message);
    if (truncate) return this.#endTruncated(data);
    const wire = Buffer.concat([toWire(data, this.format), toWire(encodeTrailer(GrpcStatusCode.OK), this.format)]);
    this.res.writeHead(200, {
      ...corsHeaders,
      'content-type': contentTypeOf(this.format),
      'content-length': wire.length,
    });
    this.res.end(wire);
  }

  async stream(
    messages: AsyncIterable<object | Uint8Array | DataFrame>,
    method: MethodInfo,
    signal: AbortSignal,
    truncate: boolean,
    reset: Extract<Fault, { kind: 'resetStream' }> | undefined,
  ): Promise<void> {
    this.#sendHeaders();
    const deadline = reset?.afterMs !== undefined ? Date.now() + reset.afterMs : undefined;
    const iterator = messages[Symbol.asyncIterator]();
    // A reset by time must fire even while the stream waits for its next message.
    const timer = deadline !== undefined ? setTimeout(() => this.#reset(reset!), reset!.afterMs) : undefined;
    let sent = 0;
    try {
      while (!signal.aborted) {
        if (reset?.afterMessages !== undefined && sent >= reset.afterMessages) return this.#reset(reset);
        const next = await iterator.next();
        if (next.done || signal.aborted) break;
        const frame =
          next.value instanceof DataFrame
            ? next.value.bytes
            : encodeFrame(DATA_FRAME, next.value instanceof Uint8Array ? next.value : method.O.toBinary(next.value));
        if (truncate) return this.#endTruncated(frame);
        sent += 1;
        if (!this.res.write(toWire(frame, this.format))) await waitForDrain(this.res, signal);
      }
      if (!signal.aborted && !this.res.writableEnded)
        this.res.end(toWire(encodeTrailer(GrpcStatusCode.OK), this.format));
    } finally {
      clearTimeout(timer);
      void iterator.return?.();
    }
  }

  /** Ends the call with an error status: trailers-only when nothing was sent yet, else a trailer frame. */
  fail(code: GrpcStatusCode, message: string): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    if (!this.#headersSent) {
      this.res.writeHead(200, {
        ...corsHeaders,
        'content-type': contentTypeOf(this.format),
        'grpc-status': String(code),
        'grpc-message': encodeURIComponent(message),
      });
      this.res.end();
      return;
    }
    this.res.end(toWire(encodeTrailer(code, message), this.format));
  }

  #sendHeaders(): void {
    if (this.#headersSent) return;
    this.#headersSent = true;
    this.res.writeHead(200, { ...corsHeaders, 'content-type': contentTypeOf(this.format) });
    this.res.flushHeaders();
  }

  #reset(reset: Extract<Fault, { kind: 'resetStream' }>): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    if (reset.ending === 'destroy') {
      // Let the messages already written reach the client, then cut the connection (no trailer).
      const socket = this.res.socket;
      return void socket?.write(Buffer.alloc(0), () => socket.destroy());
    }
    if (reset.ending === 'truncate') return this.#endTruncated(encodeFrame(DATA_FRAME, Buffer.alloc(64)));
    this.fail(reset.code ?? GrpcStatusCode.UNAVAILABLE, 'stream reset by server');
  }

  /** Half a frame, then the end of the body: the client sees a premature EOF. */
  #endTruncated(frame: Buffer): void {
    this.#sendHeaders();
    const half = frame.subarray(0, Math.max(1, Math.floor(frame.length / 2)));
    // In text format keep the base64 well-formed, so the client fails on framing, not on base64.
    this.res.end(
      toWire(
        this.format === 'text' ? half.subarray(0, half.length - (half.length % 3) || half.length) : half,
        this.format,
      ),
    );
  }
}

function waitForDrain(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
