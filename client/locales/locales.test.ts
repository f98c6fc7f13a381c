import { describe, expect, it } from 'vitest';
import de from './de.json';
import en from './en.json';
import decisionsDe from './decisions.de.json';
import decisionsEn from './decisions.en.json';
import lenkungskreisDe from './lenkungskreis.de.json';
import lenkungskreisEn from './lenkungskreis.en.json';

/** Every key path of a locale object, with the `{{placeholders}}` each string uses. */
function keys(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof obj === 'string') {
    out.set(prefix, [...obj.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort().join(','));
    return out;
  }
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    for (const [kk, vv] of keys(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  }
  return out;
}

describe('locale files', () => {
  it.each([
    ['main', de, en],
    ['decisions', decisionsDe, decisionsEn],
    ['lenkungskreis', lenkungskreisDe, lenkungskreisEn],
  ])('%s: German and English have the same keys and placeholders', (_name, a, b) => {
    const ka = keys(a);
    const kb = keys(b);
    expect([...kb.keys()].filter((k) => !ka.has(k))).toEqual([]);
    expect([...ka.keys()].filter((k) => !kb.has(k))).toEqual([]);
    for (const [k, ph] of ka) expect({ key: k, placeholders: kb.get(k) }).toEqual({ key: k, placeholders: ph });
  });
});
