/**
 * Names and titles people type (display names, session titles, agenda items, round titles and
 * options, draft titles, invitation labels). They are shown to others, printed in exports and
 * used in file names, so they may not carry bidirectional control characters: an override such as
 * U+202E turns `Protokoll‮exe.pdf` into what reads as `Protokollfdp.exe`, and an isolate or mark
 * can reorder what a moderator reads. Refused, not stripped: the person sees why.
 */
import { z } from 'zod';

/**
 * Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the invisible
 * direction marks (U+200E, U+200F, U+061C).
 */
export const BIDI_CONTROL_PATTERN = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export const BIDI_CONTROL_MESSAGE = 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)';

export function hasBidiControls(text: string): boolean {
  return BIDI_CONTROL_PATTERN.test(text);
}

/** A trimmed name or title of `min`–`max` characters without bidirectional control characters. */
export function nameText(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !hasBidiControls(s), { message: BIDI_CONTROL_MESSAGE });
}
