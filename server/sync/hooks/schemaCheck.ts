/**
 * Every change is checked against the typed schema of its document kind
 * (`shared/schema/rules`): structure, sizes, identifiers, server-only fields, authorship. An
 * update that breaks a rule is refused whole and its sender closed with 4422 (`contentRefused`);
 * a participant refused more than `Limits.refusalsPerMinute` times a minute gets 4529 instead,
 * before the next update is even applied (each refusal costs a rebuild of the accepted copy).
 *
 * When a document is loaded that was not yet checked with the current rules
 * (`meta.validatedRules`), it is walked once and repaired by a server change that is stored and
 * logged like any other: invalid entries removed, bare text at the top of rich text wrapped into
 * a paragraph, overlong texts shortened, a too deep goal tree cut.
 */
import type { FastifyBaseLogger } from 'fastify';
import { CloseCode } from '../../../shared/closeCodes';
import { Limits } from '../../../shared/limits';
import { getMeta } from '../../../shared/schema';
import { parseDocName } from '../../../shared/docs';
import { type CheckPolicy, DocumentChecker, RULES_VERSION, VALIDATED_RULES_KEY, rulesFor } from '../../../shared/schema/rules';
import type { SyncHook } from '../pipeline';
import { type SharedDoc, ServerChangeRefused } from '../SharedDoc';

const WINDOW_MS = 60_000;

export interface SchemaCheckOptions {
  log: FastifyBaseLogger;
  now?: () => number;
  /**
   * The session settings the rules depend on (only authors and the moderation delete cards):
   * `ensure` when a document is loaded, `policy` for every update, from memory.
   */
  sessionPolicy?: { ensure(sessionId: string): Promise<void>; policy(sessionId: string): CheckPolicy };
}

export function schemaCheck(options: SchemaCheckOptions): SyncHook {
  const now = options.now ?? Date.now;
  const checkers = new WeakMap<SharedDoc, DocumentChecker>();
  /** Times of recent refusals per participant. */
  const refusals = new Map<string, number[]>();

  const checkerOf = (doc: SharedDoc): DocumentChecker | undefined => {
    if (!doc.kind) return undefined;
    let checker = checkers.get(doc);
    if (!checker) checkers.set(doc, (checker = new DocumentChecker(rulesFor(doc.kind))));
    return checker;
  };
  const recent = (participantId: string): number[] => {
    const t = now();
    const list = (refusals.get(participantId) ?? []).filter((at) => t - at < WINDOW_MS);
    if (list.length > 0) refusals.set(participantId, list);
    else refusals.delete(participantId);
    return list;
  };

  return {
    name: 'schema',
    async load(doc) {
      const sessionId = parseDocName(doc.name)?.sessionId;
      if (sessionId !== undefined) await options.sessionPolicy?.ensure(sessionId);
      const checker = checkerOf(doc);
      if (!checker || getMeta(doc.doc).get(VALIDATED_RULES_KEY) === RULES_VERSION) return;
      let repaired: string[] = [];
      try {
        await doc.applyServerChange((d) => {
          repaired = checker.repair(d);
          getMeta(d).set(VALIDATED_RULES_KEY, RULES_VERSION);
        });
      } catch (err) {
        // Nothing of a failed repair is kept (refused by the rules — a bug —, a Yjs error on a
        // pathological document, or the store): the document is served as it is — the readers
        // cope with any content — and walked again at the next load.
        const rule = err instanceof ServerChangeRefused ? err.refusal.reason : undefined;
        options.log.error({ err: rule ? undefined : err, doc: doc.name, rule }, 'repairing a stored document failed; it is served as it is');
        return;
      }
      // What was wrong, by rule (never the content).
      if (repaired.length > 0) options.log.warn({ doc: doc.name, repaired: summarize(repaired) }, 'stored document repaired');
    },
    checkUpdate(_doc, peer) {
      if (recent(peer.participantId).length >= Limits.refusalsPerMinute) return { close: CloseCode.rateLimited, reason: 'too many refused updates' };
      return undefined;
    },
    checkContent(doc, change) {
      const checker = checkerOf(doc);
      if (!checker) return { close: CloseCode.contentRefused, reason: 'unknown document kind' };
      const sessionId = options.sessionPolicy && change.sender.kind === 'participant' ? parseDocName(doc.name)?.sessionId : undefined;
      const policy = sessionId === undefined ? undefined : options.sessionPolicy!.policy(sessionId);
      const failure = checker.checkTransaction(change.transaction, change.sender, policy, change.update);
      if (!failure) return undefined;
      if (change.sender.kind === 'participant') refusals.set(change.sender.participantId, [...recent(change.sender.participantId), now()]);
      return { close: CloseCode.contentRefused, reason: failure.rule };
    },
  };
}

function summarize(rules: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rules) out[r] = (out[r] ?? 0) + 1;
  return out;
}
