// @vitest-environment happy-dom
// The browser build of the static renderer (the plain specifier trips the client/server import boundary).
import { renderToStaticMarkup } from 'react-dom/server.browser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionContent } from '../../shared/decision';
import { completeContent } from '../../shared/decisionTestkit';
import '../i18n';
import { loadLocalePart, setLanguage } from '../lib/locales';
import { DecisionContentView, RichTextView } from './DecisionContentView';

function render(content: DecisionContent): Document {
  const html = renderToStaticMarkup(<DecisionContentView content={content} headingLevel={2} />);
  return new DOMParser().parseFromString(`<main>${html}</main>`, 'text/html');
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

// The decisions' strings are loaded with the views that use them, as in the app.
beforeAll(async () => {
  await loadLocalePart('decisions');
});

afterEach(async () => {
  await setLanguage('de');
});

describe('DecisionContentView', () => {
  it('renders every field as a section in the order of a Beschlussvorlage', () => {
    const doc = render(completeContent());
    const sections = [...doc.querySelectorAll('section')].map((s) => s.getAttribute('data-testid'));
    expect(sections).toEqual([
      'content-gremium',
      'content-betreff',
      'content-beratungsfolge',
      'content-beschlussvorschlag',
      'content-sachverhalt',
      'content-evidence',
      'content-begruendung',
      'content-topics',
      'content-goals',
      'content-measures',
      'content-responsibilities',
      'content-municipalRole',
      'content-verbindlichkeitsstufe',
      'content-finanzielleAuswirkungen',
      'content-costs',
      'content-resourcesNote',
      'content-timeline',
      'content-anlagen',
      'content-participation',
      'content-consensus',
      'content-sources',
    ]);
    // Every section is labelled by its h2; empty ones say so instead of vanishing.
    expect(text(doc.querySelector('[data-testid=content-evidence] p'))).toBe('Keine Angaben.');
    for (const s of doc.querySelectorAll('section')) expect(doc.getElementById(s.getAttribute('aria-labelledby')!)?.tagName).toBe('H2');
  });

  it('shows the Vorlage header, Beratungsfolge and Anlagen; a version frozen before they existed shows their defaults', () => {
    const doc = render(completeContent());
    expect(text(doc.querySelector('[data-testid=content-gremium] dl'))).toContain('BV/2026/014');
    expect(text(doc.querySelector('[data-testid=content-gremium] dl'))).toContain('öffentlich');
    expect(text(doc.querySelector('[data-testid=content-betreff-value]'))).toBe('Handlungskonzept Übergang Schule–Beruf');
    expect(text(doc.querySelector('[data-testid=content-beratungsfolge-table] tbody'))).toContain('Entscheidung');
    expect(text(doc.querySelector('[data-testid=content-finanzielleAuswirkungen] dl'))).toContain('Mittel im Teilhaushalt 51');
    const anlage = doc.querySelector('[data-testid=content-anlagen] li');
    expect(text(anlage)).toContain('Anlage 1:');
    expect(anlage?.querySelector('a')?.getAttribute('href')).toBe('https://example.org/zielbaum.pdf');

    const old = completeContent() as Partial<ReturnType<typeof completeContent>>;
    for (const k of ['vorlagenNr', 'datum', 'federfuehrung', 'verfasser', 'oeffentlichkeit', 'betreff', 'beratungsfolge', 'finanzielleAuswirkungen', 'haushaltsjahr', 'produkt', 'deckung', 'folgekosten', 'anlagen'] as const) delete old[k];
    const before = render(old as ReturnType<typeof completeContent>);
    // The title stands in for the Betreff; the Gremium decides.
    expect(text(before.querySelector('[data-testid=content-betreff-value]'))).toBe('Übergang Schule–Beruf stärken');
    expect(text(before.querySelector('[data-testid=content-beratungsfolge-table] tbody'))).toContain('Lenkungskreis Bildung');
    expect(text(before.querySelector('[data-testid=content-anlagen] p'))).toBe('Keine Angaben.');
  });

  it('groups measures by Zielfeld, sums estimated costs and lists consensus with objections', () => {
    const c = completeContent();
    c.measures.push({ id: 'mx', title: 'Ohne Feld', description: '', zielfeld: null, owner: '', goalId: null, due: null, source: null, consensusIds: [] });
    c.costs.push({ id: 'k2', label: 'Räume', category: 'raum', amountEur: null, period: '', fundedBy: '' }, { id: 'k3', label: 'IT', category: 'it', amountEur: 5000, period: '2027', fundedBy: 'Land' });
    const doc = render(c);
    expect(text(doc.querySelector('[data-testid=content-measures-leistungen] tbody'))).toContain('Maßnahme leistungen');
    expect(text(doc.querySelector('[data-testid=content-measures-leistungen] tbody'))).toContain('Übergangsquote erhöhen');
    expect(text(doc.querySelector('[data-testid=content-measures-none]'))).toContain('Ohne Feld');
    const tfoot = text(doc.querySelector('[data-testid=content-costs-table] tfoot'));
    // One total per period: the yearly and the 2027 amounts are not added up.
    expect(tfoot).toMatch(/Summe jährlich\s*65\.000\s€/);
    expect(tfoot).toMatch(/Summe 2027\s*5\.000\s€/);
    expect(tfoot).toMatch(/Summe ohne Zeitraumangabe\s*nicht geschätzt/);
    expect(tfoot).not.toContain('70.000');
    expect(text(doc.querySelector('[data-testid=content-costs-table] tbody'))).toContain('nicht geschätzt');
    const record = text(doc.querySelector('[data-testid=consensus-record]'));
    expect(record).toContain('Konsenscheck');
    expect(record).toContain('36 Zustimmung, 4 leichte Bedenken, 0 schwere Bedenken, 0 Veto');
    expect(record).toContain('40');
    expect(record).toContain('leichte Bedenken: Finanzierung unklar');
    expect(text(doc.querySelector('[data-testid=content-verbindlichkeitsstufe-value]'))).toBe('Stufe 3: bi- oder multilaterale vertragliche Kooperation');
  });

  it('speaks English when the language is English', async () => {
    await setLanguage('en');
    const doc = render(completeContent());
    expect(text(doc.querySelector('[data-testid=content-verbindlichkeitsstufe] h2'))).toBe('Level of commitment');
    expect(text(doc.querySelector('[data-testid=consensus-record]'))).toContain('36 consent, 4 minor concerns');
    expect(text(doc.querySelector('[data-testid=content-costs-table] tfoot'))).toContain('€65,000');
  });
});

describe('RichTextView', () => {
  it('renders marks, lists and headings below the section, and never a javascript: link', () => {
    const html = renderToStaticMarkup(
      <RichTextView
        headingLevel={3}
        doc={{
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Teil A' }] },
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'fett', marks: [{ type: 'bold' }] },
                { type: 'hardBreak' },
                { type: 'text', text: 'gut', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
                { type: 'text', text: 'böse', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
              ],
            },
            { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'drei' }] }] }] },
          ],
        }}
      />,
    );
    expect(html).toContain('<h4');
    expect(html).toContain('<strong>fett</strong><br/>');
    expect(html).toContain('href="https://example.org"');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('böse');
    expect(html).toMatch(/<ol[^>]*start="3"/);
  });

  it('shows prose nested thousands of levels deep as text below the nesting it draws', () => {
    type Quote = { type: 'blockquote'; content: unknown[] };
    let inner: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'ganz unten' }] };
    for (let i = 0; i < 3000; i++) inner = { type: 'blockquote', content: [inner] } satisfies Quote;
    const html = renderToStaticMarkup(<RichTextView doc={{ type: 'doc', content: [inner as never] }} />);
    expect(html).toContain('ganz unten');
    expect(html.split('<blockquote').length - 1).toBe(24);
  });
});
