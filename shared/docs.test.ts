import { describe, expect, it } from 'vitest';
import { DOC_KINDS, docName, parseDocName, sessionDocNames } from './docs';

describe('document names', () => {
  it('round-trip for every kind', () => {
    for (const kind of DOC_KINDS) expect(parseDocName(docName('abcdefgh12', kind))).toEqual({ sessionId: 'abcdefgh12', kind });
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
