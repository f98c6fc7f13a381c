import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftRow, editDraftText, readDecisionDraft, setDraftChoices, updateDraftRow } from '../../shared/schema/decisions';
import type { WriteContext } from '../../shared/schema/items';
import { createDraftUndoManager } from './undoScope';

const ctxOf = (name: string): WriteContext => ({ origin: { name }, author: { participantId: name, displayName: name } });

describe('per-user undo of a decision draft', () => {
  it('undoes and redoes only the own rows, fields and choices, never another person\'s or another draft\'s', () => {
    const doc = new Y.Doc();
    const anna = ctxOf('anna');
    const ben = ctxOf('ben');
    const um = createDraftUndoManager(doc, 'd1', anna.origin);
    const row = addDraftRow(doc, anna, 'd1', 'costs', { label: 'Personal' });
    um.stopCapturing();
    addDraftRow(doc, ben, 'd1', 'milestones', { title: 'Auftakt' });
    editDraftText(doc, anna, 'd2', 'title', 'Anderer Entwurf');
    updateDraftRow(doc, anna, 'd1', 'costs', row, { amountEur: 1200 });
    um.stopCapturing();
    setDraftChoices(doc, anna, 'd1', { verbindlichkeitsstufe: 'vertragliche_kooperation' });

    expect(um.undo()).not.toBeNull();
    expect(readDecisionDraft(doc, 'd1').verbindlichkeitsstufe).toBeNull();
    um.undo();
    expect(readDecisionDraft(doc, 'd1').costs.map((c) => c.amountEur)).toEqual([null]);
    um.undo();
    const after = readDecisionDraft(doc, 'd1');
    expect(after.costs).toEqual([]);
    expect(after.timeline.map((m) => m.title)).toEqual(['Auftakt']);
    expect(readDecisionDraft(doc, 'd2').title).toBe('Anderer Entwurf');
    expect(um.canUndo()).toBe(false);

    um.redo();
    um.redo();
    expect(readDecisionDraft(doc, 'd1').costs.map((c) => [c.label, c.amountEur])).toEqual([['Personal', 1200]]);
    um.destroy();
  });
});
