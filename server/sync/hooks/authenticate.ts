/**
 * Who is connecting: the browser's origin, the protocol version, and the token in the URL,
 * turned into a participant of the document's session (a private document opens for its owner
 * only). Failures close with a code from shared/closeCodes.ts before any content is sent.
 */
import type { FastifyBaseLogger } from 'fastify';
import { CloseCode } from '../../../shared/closeCodes';
import { MIN_PROTOCOL_VERSION, YjsParams } from '../../../shared/protocol';
import type { Config } from '../../config';
import { type OriginPolicy, isOriginAllowed, requestOriginResolver } from '../../auth/origin';
import { resolveParticipant } from '../../auth/participants';
import { PROJECTOR_ID, projectorAccount } from '../../auth/projector';
import type { Store } from '../../store/types';
import type { SyncHook } from '../pipeline';

export function authenticate(options: { store: Store; originPolicy: OriginPolicy; log: FastifyBaseLogger; trustProxy?: Config['trustProxy'] }): SyncHook {
  // The origin the handshake was addressed to (scheme, host and port, X-Forwarded-* only from a
  // trusted proxy), decided as for socket.io.
  const ownOrigin = requestOriginResolver(options.trustProxy ?? false);
  return {
    name: 'authenticate',
    async authenticate({ req, url, doc }) {
      if (!isOriginAllowed(req.headers.origin, ownOrigin(req), options.originPolicy)) return { close: CloseCode.forbidden, reason: 'foreign origin' };
      const v = url.searchParams.get(YjsParams.protocolVersion);
      if (v !== null && !(Number(v) >= MIN_PROTOCOL_VERSION)) return { close: CloseCode.protocolTooOld, reason: 'protocol too old' };
      if (url.searchParams.get(YjsParams.projector) === '1') {
        // A session's projector: the moderator's login cookie, read-only, never a private document.
        if (doc.owner !== undefined) return { close: CloseCode.forbidden, reason: 'private document on the projector' };
        let account;
        try {
          account = await projectorAccount(options.store, req.headers.cookie, doc.sessionId);
        } catch (err) {
          options.log.error({ err }, 'projector login lookup failed');
          return { close: CloseCode.storageUnavailable, reason: 'login lookup failed' };
        }
        if (!account) return { close: CloseCode.unauthenticated, reason: 'projector without a moderator’s login' };
        return { id: PROJECTOR_ID, sessionId: doc.sessionId, role: 'observer', displayName: account.displayName, projector: true };
      }
      const token = url.searchParams.get(YjsParams.token);
      if (!token) return { close: CloseCode.unauthenticated, reason: 'no token' };
      let participant;
      try {
        // The one token function HTTP and socket.io use too (shape, hash, revocation).
        participant = await resolveParticipant(options.store, token);
      } catch (err) {
        options.log.error({ err }, 'token lookup failed');
        return { close: CloseCode.storageUnavailable, reason: 'token lookup failed' };
      }
      if (!participant) return { close: CloseCode.unauthenticated, reason: 'unknown token' };
      if (participant.sessionId !== doc.sessionId) return { close: CloseCode.forbidden, reason: 'other session' };
      // A private document (e.g. someone's SWOT drafts) opens for its owner only.
      if (doc.owner !== undefined && doc.owner !== participant.id) return { close: CloseCode.forbidden, reason: 'private document of someone else' };
      let session;
      try {
        session = await options.store.sessions.findById(participant.sessionId);
      } catch (err) {
        options.log.error({ err }, 'session lookup failed');
        return { close: CloseCode.storageUnavailable, reason: 'session lookup failed' };
      }
      if (!session) return { close: CloseCode.unauthenticated, reason: 'session deleted' };
      // An archived session is read-only for everyone, its moderators included.
      const role = session.archivedAt !== null ? 'observer' : participant.role;
      return { id: participant.id, sessionId: participant.sessionId, role, displayName: participant.displayName };
    },
  };
}
