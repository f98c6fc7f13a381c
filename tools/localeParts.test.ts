import { describe, expect, it } from 'vitest';
import de from '../client/locales/de.json';
import en from '../client/locales/en.json';
import { LOCALE_PARTS, selectStrings } from './localeParts';

const strings = { app: { name: 'W' }, swot: { a: '1' }, votes: { area: { x: 'y' }, open: { z: '2' } } };
const parts = { boards: ['swot'], votes: ['votes.open'] };

describe('selectStrings', () => {
  it('splits the strings into the main part and each part, by top-level key or dotted path', () => {
    expect(selectStrings(strings, undefined, parts)).toEqual({ app: { name: 'W' }, votes: { area: { x: 'y' } } });
    expect(selectStrings(strings, 'boards', parts)).toEqual({ swot: { a: '1' } });
    expect(selectStrings(strings, 'votes', parts)).toEqual({ votes: { open: { z: '2' } } });
  });

  it('refuses a part path that is not in the strings, and an unknown part', () => {
    expect(() => selectStrings(strings, undefined, { boards: ['goals'] })).toThrow(/"goals" is not in the strings/);
    expect(() => selectStrings(strings, 'nope', parts)).toThrow(/unknown locale part/);
  });

  it('loses no string of the real locale files: main and parts together are the whole file', () => {
    type Tree = { [key: string]: unknown };
    const merge = (into: Tree, from: Tree): Tree => {
      for (const [k, v] of Object.entries(from)) into[k] = typeof v === 'object' && v !== null && typeof into[k] === 'object' ? merge(into[k] as Tree, v as Tree) : v;
      return into;
    };
    for (const file of [de, en] as Tree[]) {
      const merged = selectStrings(file, undefined);
      for (const part of Object.keys(LOCALE_PARTS)) merge(merged, selectStrings(file, part));
      expect(merged).toEqual(file);
    }
  });
});
