/**
 * What a person shows the others in a document's awareness (presence list, carets, "who edits
 * this card"): one entry per browser tab, the same `id` for the same person.
 */
export interface PresenceUser {
  /** participantId; the same person in two tabs shares it. */
  id: string;
  name: string;
  color: string;
  role: string;
}
