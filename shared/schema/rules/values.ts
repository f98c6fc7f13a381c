/**
 * Checks of plain values and the field rules built from them: strings with a length limit,
 * enums, ids, timestamps, JSON shapes, and the guarded fields (authorship, server-only).
 */
import type { z } from 'zod';
import { Limits } from '../../limits';
import { isIsoDate, ITEM_ID_PATTERN } from '../items';
import { isOrderKey } from '../order';
import type { FieldRule, Sender, TypeRule, ValueCheck, ValueContext } from './types';

/** Bidirectional embedding, override and isolate controls: they make "exe.txt" read as "txt.exe". */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

export function hasBidiControls(s: string): boolean {
  return BIDI_CONTROLS.test(s);
}

/** Latest valid `Date` (ms since the epoch). */
const MAX_TIME = 8.64e15;

export type Check = (value: unknown) => string | undefined;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** JSON with sorted keys: two values are the same when their canonical JSON is. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export const checks = {
  string(max: number, options: { singleLine?: boolean } = {}): Check {
    return (v) => {
      if (typeof v !== 'string') return 'must be a string';
      if (v.length > max) return `longer than ${max} characters`;
      if (options.singleLine && hasBidiControls(v)) return 'bidirectional control characters';
      return undefined;
    };
  },
  boolean: ((v) => (typeof v === 'boolean' ? undefined : 'must be true or false')) as Check,
  oneOf(values: readonly string[]): Check {
    return (v) => (typeof v === 'string' && values.includes(v) ? undefined : 'not one of the allowed values');
  },
  id: ((v) => (typeof v === 'string' && ITEM_ID_PATTERN.test(v) ? undefined : 'must be an item id')) as Check,
  timestamp: ((v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TIME ? undefined : 'must be a time')) as Check,
  number: ((v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : 'must be a finite number')) as Check,
  integer: ((v) => (typeof v === 'number' && Number.isSafeInteger(v) ? undefined : 'must be an integer')) as Check,
  date: ((v) => (isIsoDate(v) ? undefined : 'must be a date YYYY-MM-DD')) as Check,
  orderKey: ((v) => (isOrderKey(v) && v.length <= 1000 ? undefined : 'must be an order key')) as Check,
  nullable(inner: Check): Check {
    return (v) => (v === null ? undefined : inner(v));
  },
  /** Parses with a zod schema and accepts only what the schema keeps whole (no extra keys). */
  json(schema: z.ZodType, extra?: Check): Check {
    return (v) => {
      const parsed = schema.safeParse(v);
      if (!parsed.success || canonicalJson(parsed.data) !== canonicalJson(v)) return 'does not match its schema';
      return extra?.(v);
    };
  },
  /** A list of strings (e.g. ids of consensus records). */
  strings(maxItems: number, maxLength: number): Check {
    return (v) =>
      Array.isArray(v) && v.length <= maxItems && v.every((s) => typeof s === 'string' && s.length <= maxLength) ? undefined : 'must be a short list of strings';
  },
} as const;

/** An author record as the schema writes it: exactly `{ participantId, displayName }`. */
export function isAuthor(v: unknown): v is { participantId: string; displayName: string } {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return (
    keys.length === 2 &&
    typeof v.participantId === 'string' &&
    v.participantId.length <= 64 &&
    typeof v.displayName === 'string' &&
    v.displayName.length <= Limits.displayNameMaxLength &&
    !hasBidiControls(v.displayName)
  );
}

/** True when an author record names the sender (participant id and display name). */
export function namesSender(v: unknown, sender: Sender): boolean {
  return sender.kind === 'participant' && isAuthor(v) && v.participantId === sender.participantId && v.displayName === sender.displayName;
}

const fromCheck =
  (check: Check): ValueCheck =>
  (v) =>
    check(v);

export const field = {
  value(check: Check): FieldRule {
    return { value: fromCheck(check) };
  },
  type(rule: TypeRule): FieldRule {
    return { type: rule };
  },
  /** `updatedBy`: names whoever sent the change. */
  author(): FieldRule {
    return {
      guarded: true,
      value: (v, ctx) => {
        if (!isAuthor(v)) return 'must be an author';
        if (ctx.sender.kind === 'server' || namesSender(v, ctx.sender) || ctx.restores(v)) return undefined;
        return 'forged authorship: must name the sender';
      },
    };
  },
  /** `createdBy`: written once, when the item is created, naming its creator. */
  creator(): FieldRule {
    return {
      guarded: true,
      value: (v, ctx) => {
        if (!isAuthor(v)) return 'must be an author';
        if (ctx.sender.kind === 'server' || ctx.restores(v)) return undefined;
        if (!ctx.parentCreated) return 'forged authorship: written only when the item is created';
        return namesSender(v, ctx.sender) ? undefined : 'forged authorship: must name the sender';
      },
    };
  },
  /** A participant id naming the creator (e.g. who published a private card), or null. */
  creatorId(): FieldRule {
    return {
      guarded: true,
      value: (v, ctx) => {
        if (v !== null && (typeof v !== 'string' || v.length > 64)) return 'must be a participant id';
        if (ctx.sender.kind === 'server' || ctx.restores(v)) return undefined;
        if (!ctx.parentCreated) return 'forged authorship: written only when the item is created';
        return v === null || v === ctx.sender.participantId ? undefined : 'forged authorship: must name the sender';
      },
    };
  },
  /**
   * Written only by the server (e.g. a vote result, a status signal). A participant may write
   * null when it creates the item (`nullOnCreate`), and put back what its own change removed.
   */
  server(check: Check, options: { nullOnCreate?: boolean } = {}): FieldRule {
    return {
      guarded: true,
      value: (v, ctx) => {
        const wrong = check(v);
        if (wrong) return wrong;
        if (ctx.sender.kind === 'server' || ctx.restores(v)) return undefined;
        if (options.nullOnCreate && v === null && ctx.parentCreated) return undefined;
        return 'written by the server only';
      },
    };
  },
  /**
   * Written by the moderation only (e.g. the record of merged duplicate cards, which names other
   * people): moderators and the server write it; a participant may put back what it removed.
   */
  moderation(check: Check, options: { maxBytes?: number } = {}): FieldRule {
    return {
      guarded: true,
      removable: (sender) => sender.kind === 'participant' && sender.role === 'moderator',
      maxBytes: options.maxBytes,
      value: (v, ctx) => {
        const wrong = check(v);
        if (wrong) return wrong;
        if (ctx.sender.kind === 'server' || ctx.sender.role === 'moderator' || ctx.restores(v)) return undefined;
        return 'written by the moderation only';
      },
    };
  },
  /**
   * A value with its own check against the context (e.g. authorship inside a JSON record) that a
   * participant may remove as a whole; what it removes, an undo may put back.
   */
  record(check: (v: unknown, ctx: ValueContext) => string | undefined): FieldRule {
    return { guarded: true, removable: true, value: check };
  },
} as const;
