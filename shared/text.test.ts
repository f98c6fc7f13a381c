import { describe, expect, it } from 'vitest';
import { CreateSessionRequest, JoinRequest, SetupRequest } from './api';
import { CreateDraftRequest, CreateInvitationRequest, LenkungskreisJoinRequest } from './decisionApi';
import { AgendaAddPayload } from './moderation';
import { BIDI_CONTROL_MESSAGE, hasBidiControls, nameText } from './text';
import { VoteOpenPayload } from './votes';

const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

describe('names and titles', () => {
  it('refuse every bidirectional control character, wherever it stands', () => {
    const schema = nameText(60);
    for (const c of CONTROLS) {
      for (const text of [`Protokoll${c}exe.pdf`, `${c}Anna`, `Anna${c}`]) {
        expect(hasBidiControls(text)).toBe(true);
        const parsed = schema.safeParse(text);
        expect(parsed.success, JSON.stringify(text)).toBe(false);
        expect(parsed.error?.issues[0]?.message).toBe(BIDI_CONTROL_MESSAGE);
      }
    }
  });

  it('accept ordinary names in any script, trimmed', () => {
    const schema = nameText(60);
    for (const text of ['Anna Müller-Lüdenscheidt', 'Çağla Yılmaz', 'محمد', 'שרה', 'Zoë · AG „Übergänge“']) {
      expect(schema.parse(` ${text} `)).toBe(text);
    }
    expect(schema.safeParse('').success).toBe(false);
    expect(nameText(60, 0).parse('')).toBe('');
  });

  it('hold in every request schema that takes a name or a title', () => {
    const rlo = 'exe.\u202Efdp';
    const refused = [
      JoinRequest.safeParse({ code: 'ABCDEF', name: rlo }),
      SetupRequest.safeParse({ token: 't', email: 'a@b.de', password: 'long enough password', displayName: rlo }),
      CreateSessionRequest.safeParse({ title: rlo, kind: 'bildungskonferenz', date: '2026-01-01' }),
      AgendaAddPayload.safeParse({ title: rlo, phase: 'wo_stehen_wir', board: 'notes', plannedMinutes: 5 }),
      VoteOpenPayload.safeParse({ config: { method: 'konsenscheck', title: rlo, options: [{ label: 'A' }] } }),
      VoteOpenPayload.safeParse({ config: { method: 'konsenscheck', title: 'T', options: [{ label: rlo }] } }),
      CreateDraftRequest.safeParse({ title: rlo }),
      CreateDraftRequest.safeParse({ gremium: rlo }),
      CreateInvitationRequest.safeParse({ label: rlo }),
      LenkungskreisJoinRequest.safeParse({ code: 'c', name: rlo }),
    ];
    for (const [i, result] of refused.entries()) {
      expect(result.success, `schema ${i}`).toBe(false);
      expect(result.error?.issues[0]?.message, `schema ${i}`).toBe(BIDI_CONTROL_MESSAGE);
    }
  });
});
