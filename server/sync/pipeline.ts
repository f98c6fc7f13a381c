/**
 * The Yjs endpoint as an ordered list of small hooks, in the spirit of Hocuspocus's extensions:
 * each concern (who may connect, migrations, write access, the document rules, presence, rate
 * limits, relaying) is one file under `hooks/` with its own test, and `SyncServer` and `SharedDoc`
 * only call the stages in order.
 *
 * Stages, in the order a connection meets them:
 * - `authenticate`: who is connecting; the first hook with an answer decides.
 * - `load`: after a document is read from the store, before anyone sees it (migrations, repair).
 *   Changes go through `SharedDoc.applyServerChange`, so they are checked and stored like any.
 * - `message`: every frame, before it is decoded (size, rate).
 * - `checkUpdate`: a peer's update before it is applied anywhere (role, lock, repeated refusals).
 * - `checkContent`: the transaction an update (or a server change) makes on the copy of the
 *   accepted state (the document rules). A refusal here discards the whole update.
 * - `relay`: an update that is stored and applied to the live document; `flush` sends what the
 *   relay hooks hold back (before presence goes out, when draining).
 * - `awareness`: a peer's own presence entries before they are applied and relayed.
 * Stored is what passed `checkUpdate` and `checkContent`: `SharedDoc` appends it to the store
 * (group commit per event-loop turn) and applies it to the live document only then.
 */
import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { CloseCode } from '../../shared/closeCodes';
import type { ParsedDocName } from '../../shared/docs';
import type { SessionRole } from '../../shared/domain';
import type { Sender } from '../../shared/schema/rules';
import type { Peer } from './Peer';
import type { AwarenessEntry } from './protocol';
import type { SharedDoc } from './SharedDoc';

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * A hook's "no". With `close` the connection is closed with that code; without, the message is
 * dropped silently (e.g. an observer's edit). `reason` names the rule for the log, never content.
 */
export interface Refusal {
  readonly close?: CloseCodeValue;
  readonly reason: string;
}

/** A refusal together with the hook that made it (for the log). */
export interface HookRefusal extends Refusal {
  readonly hook: string;
}

export interface ConnectionRequest {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly docName: string;
  readonly doc: ParsedDocName;
}

/** The person behind a connection, as the store knows them when it opens. */
export interface Participant {
  readonly id: string;
  readonly sessionId: string;
  readonly role: SessionRole;
  readonly displayName: string;
  /** A session's projector (read-only, sends no presence): see server/auth/projector.ts. */
  readonly projector?: boolean;
}

export interface ContentChange {
  /** The transaction on the copy of the accepted state (see SharedDoc). */
  readonly transaction: Y.Transaction;
  readonly sender: Sender;
  /** The peer that sent it; undefined for a change the server makes itself. */
  readonly peer?: Peer;
  /** The update (v1) the peer sent, which made the transaction; undefined for a server change. */
  readonly update?: Uint8Array;
}

export interface SyncHook {
  readonly name: string;
  authenticate?(request: ConnectionRequest): Promise<Participant | Refusal | undefined>;
  load?(doc: SharedDoc): Promise<void> | void;
  message?(peer: Peer, frame: Uint8Array): Refusal | undefined;
  checkUpdate?(doc: SharedDoc, peer: Peer, update: Uint8Array): Refusal | undefined;
  checkContent?(doc: SharedDoc, change: ContentChange): Refusal | undefined;
  relay?(doc: SharedDoc, update: Uint8Array, origin: unknown): void;
  flush?(doc: SharedDoc): void;
  /** Returns the entries to apply (possibly changed, fewer) or a refusal. */
  awareness?(doc: SharedDoc, peer: Peer, entries: AwarenessEntry[]): AwarenessEntry[] | Refusal;
}

const isRefusal = (v: unknown): v is Refusal => typeof v === 'object' && v !== null && 'reason' in v && !('id' in v);

/** Runs the hooks of each stage in order. */
export class SyncPipeline {
  constructor(readonly hooks: readonly SyncHook[] = []) {}

  async authenticate(request: ConnectionRequest): Promise<Participant | HookRefusal> {
    for (const h of this.hooks) {
      const answer = await h.authenticate?.(request);
      if (answer === undefined) continue;
      return isRefusal(answer) ? { ...answer, hook: h.name } : answer;
    }
    return { reason: 'no authentication hook answered', hook: 'pipeline' };
  }

  async load(doc: SharedDoc): Promise<void> {
    for (const h of this.hooks) await h.load?.(doc);
  }

  message(peer: Peer, frame: Uint8Array): HookRefusal | undefined {
    for (const h of this.hooks) {
      const r = h.message?.(peer, frame);
      if (r) return { ...r, hook: h.name };
    }
    return undefined;
  }

  checkUpdate(doc: SharedDoc, peer: Peer, update: Uint8Array): HookRefusal | undefined {
    for (const h of this.hooks) {
      const r = h.checkUpdate?.(doc, peer, update);
      if (r) return { ...r, hook: h.name };
    }
    return undefined;
  }

  checkContent(doc: SharedDoc, change: ContentChange): HookRefusal | undefined {
    for (const h of this.hooks) {
      const r = h.checkContent?.(doc, change);
      if (r) return { ...r, hook: h.name };
    }
    return undefined;
  }

  relay(doc: SharedDoc, update: Uint8Array, origin: unknown): void {
    for (const h of this.hooks) h.relay?.(doc, update, origin);
  }

  flush(doc: SharedDoc): void {
    for (const h of this.hooks) h.flush?.(doc);
  }

  awareness(doc: SharedDoc, peer: Peer, entries: AwarenessEntry[]): AwarenessEntry[] | HookRefusal {
    let current = entries;
    for (const h of this.hooks) {
      if (!h.awareness) continue;
      const r = h.awareness(doc, peer, current);
      if (!Array.isArray(r)) return { ...r, hook: h.name };
      current = r;
    }
    return current;
  }
}
