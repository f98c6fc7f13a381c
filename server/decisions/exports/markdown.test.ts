import { describe, expect, it } from 'vitest';
import { completeContent } from '../../../shared/decisionTestkit';
import { decisionExportInput } from '../../test/exportInput';
import { buildDecisionDocument } from './decisionDocument';
import { codeBlock, codeSpan, escapeMarkdown, renderMarkdown } from './markdown';
import type { Block, DocModel, Run } from './model';

const doc = (blocks: Block[]): DocModel => ({ title: 'Titel', kicker: 'Beschlussvorlage', header: 'h', footer: 'f', subject: 's', keywords: [], blocks });
const para = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
/** The Markdown of the given blocks only (between the title and the footer). */
const body = (blocks: Block[]) => renderMarkdown(doc(blocks)).split('\n\n').slice(2, -2).join('\n\n');

// What would start a block at the beginning of a line in CommonMark/GFM.
const BLOCK_START = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|>|=+[ \t]*$|-+[ \t]*$|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$|`{3,}|~{3,}|<|\|| {4}|\t|\[[^\]]*\]:)/;
/** Raw `<` outside code spans (a naive but strict check: code spans here are on one line). */
const rawAngle = (md: string) => md.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '').includes('<');

describe('Markdown: typed text never becomes structure', () => {
  const cases: [string, string, string][] = [
    ['an ordered list item', '1. Punkt', '1\\. Punkt'],
    ['an ordered list item with a parenthesis', '2) Punkt', '2\\) Punkt'],
    ['a bullet', '- Liste', '\\- Liste'],
    ['a plus bullet', '+ Liste', '\\+ Liste'],
    ['a star bullet', '* Liste', '\\* Liste'],
    ['a heading', '# Titel', '\\# Titel'],
    ['a quote', '> Zitat', '&gt; Zitat'],
    ['a setext underline (=)', '=====', '\\====='],
    ['a setext underline (-) after a line', 'Zeile\n-----', 'Zeile\\\n\\-----'],
    ['a setext underline (=) after a line', 'Zeile\n=====', 'Zeile\\\n\\====='],
    ['a thematic break', '***', '\\*\\*\\*'],
    ['an underscore break', '___', '\\_\\_\\_'],
    ['indented code', '    code', 'code'],
    ['a fence', '```js', '\\`\\`\\`js'],
    ['a tilde fence', '~~~', '\\~\\~\\~'],
    ['a table', 'a | b\n--- | ---', 'a \\| b\\\n\\--- \\| ---'],
    ['a table delimiter without pipes', ':-', '\\:-'],
    ['HTML', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an image tag', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['entities', '&lt;b&gt; &amp;', '&amp;lt;b&amp;gt; &amp;amp;'],
    ['an autolink', '<https://evil.example>', '&lt;https://evil.example&gt;'],
    ['a link', '[klick](javascript:alert(1))', '\\[klick\\](javascript:alert(1))'],
    ['an image', '![x](https://evil.example/x.png)', '!\\[x\\](https://evil.example/x.png)'],
    ['a link definition', '[x]: https://evil.example', '\\[x\\]: https://evil.example'],
    ['emphasis', '*a* _b_ **c** ~~d~~', '\\*a\\* \\_b\\_ \\*\\*c\\*\\* \\~\\~d\\~\\~'],
    ['backslashes', 'a\\*b\\', 'a\\\\\\*b\\\\'],
    ['a carriage return line break', 'a\r# b', 'a\\\n\\# b'],
    ['a line separator', 'a\u2028- b', 'a\\\n\\- b'],
  ];
  it.each(cases)('%s', (_name, typed, expected) => {
    const md = body([para({ text: typed })]);
    expect(md).toBe(expected);
    for (const line of md.split('\n')) expect(line, line).not.toMatch(BLOCK_START);
    expect(rawAngle(md)).toBe(false);
  });

  it('escapes a line start after a hard break between runs, and inside bold text', () => {
    expect(body([para({ text: 'Zeile eins' }, { text: '1. zwei', breakBefore: true })])).toBe('Zeile eins\\\n1\\. zwei');
    expect(body([para({ text: 'abc\n' }, { text: '# kopf' })])).toBe('abc\\\n\\# kopf');
    expect(body([para({ text: 'fett\n- liste', bold: true })])).toBe('**fett**\\\n**\\- liste**');
    // Blank runs at the start of a line do not hide the line start.
    expect(body([para({ text: '   ' }, { text: '1. nach Leerzeichen' })])).toBe('1\\. nach Leerzeichen');
    // In the middle of a line nothing needs escaping but the characters themselves.
    expect(body([para({ text: 'Punkt ' }, { text: '1. Mitte' })])).toBe('Punkt 1. Mitte');
  });

  it('a code mark containing ``` cannot break out: the fence is longer than any run inside', () => {
    const md = body([para({ text: '```', code: true }, { text: '<img src=x onerror=alert(1)><script>alert(2)</script>' })]);
    expect(md).toBe('```` ``` ````&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(rawAngle(md)).toBe(false);
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`')).toBe('`` ` ``');
    expect(codeSpan('x\n# y')).toBe('`x # y`');
    // HTML inside a code span is code, not markup: it is kept as typed.
    expect(codeSpan('<script>')).toBe('`<script>`');
  });

  it('code blocks: the fence is longer than any backtick run inside, and every line keeps the indent', () => {
    expect(codeBlock('a\n```\nb')).toBe('````\na\n```\nb\n````');
    expect(codeBlock('``````')).toBe('```````\n``````\n```````');
    const list = body([{ kind: 'list', ordered: false, start: 1, items: [[para({ text: 'Punkt' }), { kind: 'code', text: 'x\n````\n</code><script>' }]] }]);
    expect(list).toBe('- Punkt\n\n  `````\n  x\n  ````\n  </code><script>\n  `````');
  });

  it('links: only http, https and mailto targets become links; the text of any other stays plain', () => {
    const md = body([
      para(
        { text: 'js', link: 'javascript:alert(1)' },
        { text: ' ' },
        { text: 'daten', link: 'data:text/html,<script>alert(1)</script>' },
        { text: ' ' },
        { text: 'datei', link: 'file:///etc/passwd' },
        { text: ' ' },
        { text: 'gut', link: 'https://example.org/a(b)?x=<y>' },
        { text: ' ' },
        { text: 'post', link: 'mailto:a@b.de' },
      ),
    ]);
    expect(md).toBe('js daten datei [gut](https://example.org/a%28b%29?x=%3Cy%3E) [post](mailto:a@b.de)');
    expect(md).not.toMatch(/javascript:|data:|file:/);
  });

  it('tables: pipes escaped, line breaks as <br>, HTML as entities', () => {
    const md = body([{ kind: 'table', header: ['A|B', 'C'], rows: [['x|y\n- z', '<b>c</b>']] }]);
    expect(md).toBe('| A\\|B | C |\n| --- | --- |\n| x\\|y<br>- z | &lt;b&gt;c&lt;/b&gt; |');
  });

  it('headings and the title stay one line; their # are escaped', () => {
    expect(body([{ kind: 'heading', level: 2, text: 'Kopf ## mit\n# Zeile' }])).toBe('### Kopf \\#\\# mit \\# Zeile');
    expect(renderMarkdown({ ...doc([]), title: '1. Titel <b>\n=====' }).split('\n\n')[1]).toBe('# 1. Titel &lt;b&gt; =====');
  });

  it('escapeMarkdown keeps every character readable (a round trip through the escapes gives the text back)', () => {
    const typed = 'Kosten: 68.000 € | 1. Rate & 2. Rate <fällig> *bald* `jetzt` \\ [x]';
    const unescaped = escapeMarkdown(typed, false)
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\\(.)/g, '$1');
    expect(unescaped).toBe(typed);
  });
});

describe('Markdown tables', () => {
  it('amount columns are right-aligned', () => {
    const md = body([{ kind: 'table', header: ['Position', 'Betrag'], rows: [['Stelle', '4.096.578,97\u00a0€']], align: ['left', 'right'] }]);
    expect(md).toBe('| Position | Betrag |\n| --- | ---: |\n| Stelle | 4.096.578,97\u00a0€ |');
  });
});

describe('Markdown of a Beschlussvorlage', () => {
  it('header table first, then Betreff, Beratungsfolge, the Beschlussvorschlag before the Sachverhalt, Finanzielle Auswirkungen, Anlagen, the annex last', () => {
    const c = completeContent();
    const md = renderMarkdown(buildDecisionDocument(decisionExportInput(c)));
    const at = (s: string) => {
      const i = md.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      '| **Vorlagen-Nr.** | BV/2026/014 |',
      '| **Öffentlichkeit** | öffentlich |',
      '## Betreff',
      'Handlungskonzept Übergang Schule–Beruf',
      '## Beratungsfolge',
      '| Lenkungskreis Bildung | 20.01.2027 | Entscheidung |',
      '## 1. Beschlussvorschlag',
      '## 2. Sachverhalt',
      '## 3. Begründung',
      'Finanzielle Auswirkungen',
      '| **Deckung** | Mittel im Teilhaushalt 51 |',
      '| Summe jährlich |',
      'Anlagen',
      '**Anlage 1:** Zielbaum – [https://example.org/zielbaum.pdf](https://example.org/zielbaum.pdf)',
      '## Anhang: Herkunft und Prüfung',
      '### Herkunft',
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
