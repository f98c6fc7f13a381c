import { describe, expect, it } from 'vitest';
import { DOC_KINDS, docName, parseDocName, sessionDocNames, tableDocName } from './docs';

describe('document names', () => {
  it('round-trip for every kind', () => {
    for (const kind of DOC_KINDS) expect(parseDocName(docName('abcdefgh12', kind))).toEqual({ sessionId: 'abcdefgh12', kind });
  });

  it('round-trip for a table copy of a board', () => {
    expect(parseDocName(tableDocName('abcdefgh12', 't1', 'swot'))).toEqual({ sessionId: 'abcdefgh12', kind: 'swot', table: 't1' });
    expect(parseDocName('abcdefgh12:table:t1:notes')).toBeUndefined();
    expect(parseDocName('abcdefgh12:table:t/1:swot')).toBeUndefined();
  });

  it.each(['', 'abc', 'abcdefgh12', 'abcdefgh12:', 'abcdefgh12:unknown', 'ab:notes', 'abcdefgh12:notes:x', '../etc/pw:notes', 'abcdefgh12:__proto__'])(
    'rejects %j',
    (name) => expect(parseDocName(name)).toBeUndefined(),
  );

  it('lists every document of a session', () => {
    const names = sessionDocNames('abcdefgh12');
    expect(Object.keys(names).sort()).toEqual([...DOC_KINDS].sort());
    expect(names.notes).toBe('abcdefgh12:notes');
  });
});
