/**
 * Test support for the document rules: an `Acceptor` plays the server's part — it applies each
 * update to its copy of the accepted state, checks the transaction, and on a refusal rebuilds the
 * copy from what it accepted before (as the Yjs endpoint does). Only tests import this file.
 */
import * as Y from 'yjs';
import type { AnyDocKind } from '../../docs';
import { DocumentChecker } from './checker';
import { rulesFor } from './documents';
import type { CheckPolicy, DocumentRules, Sender } from './types';

export const ANNA = { origin: 'anna', author: { participantId: 'p-anna-0001', displayName: 'Anna' } };
export const BEN = { origin: 'ben', author: { participantId: 'p-ben-00001', displayName: 'Ben' } };
export const SERVER = { origin: 'server', author: { participantId: '', displayName: 'Werkraum' } };

export const MIA = { origin: 'mia', author: { participantId: 'p-mia-00001', displayName: 'Mia' } };

export const senderOf = (ctx: { author: { participantId: string; displayName: string } }, role = 'participant'): Sender => ({
  kind: 'participant',
  participantId: ctx.author.participantId,
  displayName: ctx.author.displayName,
  role,
});

const CHECKED = Symbol('checked');

export class Acceptor {
  readonly checker: DocumentChecker;
  doc = new Y.Doc();
  private readonly accepted: Uint8Array[] = [];
  private current: { sender: Sender; update: Uint8Array; failure?: string } | null = null;
  /** The session settings the rules see (e.g. only authors and the moderation delete). */
  policy: CheckPolicy = {};

  constructor(rules: AnyDocKind | DocumentRules) {
    this.checker = new DocumentChecker(typeof rules === 'string' ? rulesFor(rules) : rules);
    this.listen();
  }

  private listen(): void {
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      const c = this.current;
      if (!c || tr.origin !== CHECKED || c.failure) return;
      c.failure = this.checker.checkTransaction(tr, c.sender, this.policy, c.update)?.rule;
    });
  }

  /** Applies an update as `sender`; returns the broken rule, or undefined when it was accepted. */
  offer(update: Uint8Array, sender: Sender): string | undefined {
    this.current = { sender, update };
    Y.applyUpdate(this.doc, update, CHECKED);
    const store = this.doc.store;
    const failure = this.current.failure ?? (store.pendingStructs !== null || store.pendingDs !== null ? 'missing dependencies' : undefined);
    this.current = null;
    if (failure) this.rebuild();
    else this.accepted.push(update);
    return failure;
  }

  /** The accepted state as a fresh document. */
  state(): Y.Doc {
    const d = new Y.Doc();
    for (const u of this.accepted) Y.applyUpdate(d, u);
    return d;
  }

  private rebuild(): void {
    this.doc.destroy();
    this.doc = new Y.Doc();
    this.listen();
    for (const u of this.accepted) Y.applyUpdate(this.doc, u);
  }
}

/**
 * A client replica bound to an acceptor: `edit` runs a change on the client's document and offers
 * the resulting update; on a refusal the client is reset to the accepted state (as a client that
 * reloads after close code 4422).
 */
export class Replica {
  doc = new Y.Doc();
  constructor(
    private readonly server: Acceptor,
    readonly sender: Sender,
  ) {
    this.sync();
  }

  /** Catches up with everything the server accepted. */
  sync(): void {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.server.state(), Y.encodeStateVector(this.doc)));
  }

  edit(change: (doc: Y.Doc) => void): string | undefined {
    this.sync();
    const updates: Uint8Array[] = [];
    const collect = (u: Uint8Array, origin: unknown) => {
      if (origin !== 'sync') updates.push(u);
    };
    this.doc.on('update', collect);
    try {
      change(this.doc);
    } finally {
      this.doc.off('update', collect);
    }
    for (const u of updates) {
      const failure = this.server.offer(u, this.sender);
      if (failure) {
        this.doc.destroy();
        this.doc = new Y.Doc();
        this.sync();
        return failure;
      }
    }
    return undefined;
  }
}
