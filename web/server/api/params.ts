/**
 * The inputs `/api/v1` accepts, as zod schemas with messages a caller can act
 * on ("limit must be at most 200 (got 5000)"). Query strings are strict:
 * an unknown parameter is an error, not silently ignored.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { z } from 'zod';
import { BLOB_STATES } from '../queries/storage.ts';
import { NODE_SORTS, NODE_STATUSES } from '../queries/nodeList.ts';
import { PROPOSAL_STATUSES } from '../queries/governance.ts';

/** Input text as it may appear in a message: short, one line. */
export function clip(text: string, max = 40): string {
  const oneLine = text.replace(/[\r\n\t]/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

export function intParam(name: string, options: { min: number; max: number; fallback?: number }) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): number => {
      if (raw === undefined || raw === '') {
        if (options.fallback !== undefined) return options.fallback;
        ctx.addIssue({ code: 'custom', message: `${name} is required` });
        return z.NEVER;
      }
      if (!/^[+-]?\d{1,20}$/.test(raw.trim())) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number (got "${clip(raw)}")` });
        return z.NEVER;
      }
      const value = Number(raw.trim());
      if (value < options.min) {
        ctx.addIssue({ code: 'custom', message: `${name} must be at least ${options.min} (got ${clip(raw)})` });
        return z.NEVER;
      }
      if (value > options.max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be at most ${options.max} (got ${clip(raw)})` });
        return z.NEVER;
      }
      return value;
    });
}

/** A Sui address or object ID, normalized to 0x + 64 lowercase hex digits. */
export function idParam(name: string) {
  return z.string().transform((raw, ctx) => {
    const text = raw.trim();
    if (!/^0x[0-9a-fA-F]{1,64}$/.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be 0x followed by 1 to 64 hex digits (got "${clip(raw)}")`,
      });
      return z.NEVER;
    }
    return normalizeSuiAddress(text.toLowerCase());
  });
}

export function enumParam<const T extends readonly [string, ...string[]]>(
  name: string,
  values: T,
  fallback: T[number],
) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T[number] => {
      if (raw === undefined || raw === '') return fallback;
      if (!(values as readonly string[]).includes(raw)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be one of ${values.join(', ')} (got "${clip(raw)}")` });
        return z.NEVER;
      }
      return raw as T[number];
    });
}

/** Free text for searches: at most `max` characters, no control characters. */
export function textParam(name: string, max: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      if (raw.length > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be at most ${max} characters (got ${raw.length})` });
        return z.NEVER;
      }
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      if (/[\u0000-\u001f\u007f]/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: `${name} must not contain control characters` });
        return z.NEVER;
      }
      return raw.trim() || undefined;
    });
}

const limit = (fallback: number, max = 200) => intParam('limit', { min: 1, max, fallback });
const offset = intParam('offset', { min: 0, max: 1_000_000, fallback: 0 });
const EPOCH_MAX = 2 ** 32 - 1;

export const nodeListQuery = z.strictObject({
  sort: enumParam('sort', NODE_SORTS, 'shuffle'),
  order: enumParam('order', ['asc', 'desc'] as const, 'desc'),
  status: enumParam('status', NODE_STATUSES, 'all'),
  q: textParam('q', 100),
  seed: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return 'tusk';
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: `seed must be 1 to 32 letters, digits, _ or - (got "${clip(raw)}")` });
        return z.NEVER;
      }
      return raw;
    }),
  limit: limit(100, 1000),
  offset,
});

export const historyQuery = z.strictObject({
  limit: limit(90, 1000),
  before: intParam('before', { min: 0, max: EPOCH_MAX }).optional(),
});

export const pageQuery = z.strictObject({ limit: limit(50), offset });

export const epochListQuery = z.strictObject({
  limit: limit(30),
  before: intParam('before', { min: 0, max: EPOCH_MAX }).optional(),
});

export const epochParam = intParam('epoch', { min: 0, max: EPOCH_MAX });

export const rewardsQuery = z.strictObject({ format: enumParam('format', ['json', 'csv'] as const, 'json') });

export const proposalListQuery = z.strictObject({
  status: enumParam('status', PROPOSAL_STATUSES, 'all'),
  limit: limit(50),
  offset,
});

/** A comma-separated list of IDs, at most `max`. */
export function idListParam(name: string, max: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return [];
      const parts = raw
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      if (parts.length > max) {
        ctx.addIssue({ code: 'custom', message: `${name} may list at most ${max} IDs (got ${parts.length})` });
        return z.NEVER;
      }
      const ids: string[] = [];
      for (const part of parts) {
        const parsed = idParam(name).safeParse(part);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? `${name} is invalid` });
          return z.NEVER;
        }
        ids.push(parsed.data);
      }
      return [...new Set(ids)];
    });
}

export const operatorQuery = z
  .strictObject({
    nodeIds: idListParam('nodeIds', 50),
    operator: idParam('operator').optional(),
  })
  .refine((query) => query.nodeIds.length > 0 || query.operator !== undefined, {
    message: 'give nodeIds (from your StorageNodeCaps) or operator (an address)',
  });

export const votesQuery = z.strictObject({ voters: idListParam('voters', 200) });

export const blobListQuery = z.strictObject({
  state: enumParam('state', BLOB_STATES, 'all'),
  q: z
    .string()
    .optional()
    .transform((raw, ctx): { blobId?: bigint; objectOrOwner?: string } | undefined => {
      const text = raw?.trim();
      if (!text) return undefined;
      if (/^\d{1,78}$/.test(text)) {
        const value = BigInt(text);
        if (value < 2n ** 256n) return { blobId: value };
      }
      if (/^0x[0-9a-fA-F]{1,64}$/.test(text))
        return { objectOrOwner: normalizeSuiAddress(text.toLowerCase()), blobId: undefined };
      ctx.addIssue({
        code: 'custom',
        message: `q must be a blob ID (decimal u256), an object ID or an owner address (got "${clip(text)}")`,
      });
      return z.NEVER;
    }),
  limit: limit(50),
  offset,
});

/** Parses URL search params against a strict schema; throws `ApiError` 400 listing every problem. */
export function parseQuery<S extends z.ZodType>(schema: S, url: URL): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in raw) throw new ApiError(400, `query parameter ${clip(key, 30)} is given more than once`);
    raw[key] = value;
  }
  return parseInput(schema, raw);
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys')
      return `unknown query parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${clip(key, 30)}"`).join(', ')}`;
    return issue.message;
  });
  throw new ApiError(400, messages.join('; '));
}

/** An error with an HTTP status and a message for the caller. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
