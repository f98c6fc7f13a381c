/**
 * The y-websocket wire protocol (as spoken by the stock `WebsocketProvider`): every frame is a
 * varUint message type followed by its body. Decoding here is strict: anything that does not
 * parse throws a ProtocolError, and the connection is closed with `badRequest`.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

export class ProtocolError extends Error {}

export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'queryAwareness' };

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  /** null when the client removes its state. */
  state: unknown;
  /** Size of the state as sent (UTF-8 bytes of its JSON); absent for entries made by the server. */
  bytes?: number;
}

/** Decodes one client frame. Throws ProtocolError on anything malformed. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SyncStep.step1) {
          Y.decodeStateVector(payload); // validates
          return { type: 'syncStep1', stateVector: payload };
        }
        if (step === SyncStep.step2 || step === SyncStep.update) return { type: 'update', update: payload };
        throw new ProtocolError(`unknown sync step ${step}`);
      }
      case MessageType.awareness: {
        const update = decoding.readVarUint8Array(decoder);
        return { type: 'awareness', entries: decodeAwarenessUpdate(update) };
      }
      case MessageType.queryAwareness:
        return { type: 'queryAwareness' };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(err instanceof Error ? err.message : 'undecodable message');
  }
}

/** Decodes an awareness update fully (including the JSON states) without applying it. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const len = decoding.readVarUint(decoder);
  // Each entry needs at least 3 bytes; a larger claim is a lie about the payload.
  if (len > update.length) throw new ProtocolError('awareness entry count exceeds payload');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < len; i++) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    const state: unknown = JSON.parse(json);
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new ProtocolError('awareness state must be an object or null');
    }
    entries.push({ clientID, clock, state, bytes: Buffer.byteLength(json) });
  }
  return entries;
}

/**
 * Validates a Yjs update by decoding it completely (structs and delete set) before it is stored
 * or applied: Y.applyUpdate may integrate the structs of a truncated update before it fails on
 * the delete set. Returns false for an update that carries nothing (no structs, no deletions).
 */
export function validateUpdate(update: Uint8Array): { empty: boolean } {
  try {
    const decoded = Y.decodeUpdate(update);
    return { empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
  } catch (err) {
    throw new ProtocolError(`invalid update: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Encodes awareness entries back into an awareness update. */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientID);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SyncStep.step1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SyncStep.step2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SyncStep.update);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
