/**
 * The Gesamtkonzept canvas: the seed's six components of a strategic "Gesamtkonzept Bildung",
 * each with its guiding questions (Leitfragen) and a co-edited rich-text answer. One `Y.Doc` of
 * kind `canvas`; every section's answer is an XmlFragment that a Tiptap editor binds to.
 *
 * The sections and questions are template content (they end up in exported documents), so they
 * live here in German and English rather than in the UI's locale files.
 */
import type * as Y from 'yjs';
import type { Migration } from './meta';

export interface CanvasSection {
  id: string;
  number: string;
  title: { de: string; en: string };
  questions: { de: string; en: string }[];
}

export const CANVAS_SECTIONS: readonly CanvasSection[] = [
  {
    id: 'inhalte',
    number: '1',
    title: { de: 'Inhalte und Klärungsbedarf', en: 'Content and open questions' },
    questions: [
      { de: 'Was soll in Sachen Bildung bei wem (ggf. mit welchem räumlichen Bezug) bewirkt werden?', en: 'What should be achieved in education, for whom (and where, if it depends on the area)?' },
      { de: 'Welche Leistungsangebote sind dafür erforderlich?', en: 'Which offers and services does that require?' },
      { de: 'Wie sieht die prozessuale und strukturelle Organisation aus?', en: 'How are processes and structures organised?' },
      { de: 'Welche Ressourcen sind erforderlich?', en: 'Which resources are needed?' },
    ],
  },
  {
    id: 'akteure',
    number: '2',
    title: { de: 'Akteure und Zuständigkeiten, Bildungspartner', en: 'Actors, responsibilities and education partners' },
    questions: [
      { de: 'Wer erarbeitet das strategische Konzept?', en: 'Who drafts the strategic concept?' },
      { de: 'Welche Zuständigkeiten und Kompetenzen sind damit verbunden?', en: 'Which responsibilities and powers come with it?' },
      { de: 'Wer wird an der Erarbeitung wie beteiligt?', en: 'Who takes part in drafting it, and how?' },
      { de: 'Welches Gewicht haben die Anregungen der Beteiligten?', en: 'How much weight do the participants’ suggestions carry?' },
    ],
  },
  {
    id: 'ist_aufnahme',
    number: '3',
    title: { de: 'IST-Aufnahme, Analyse der Rahmenbedingungen, Kenntnis der Erwartungen', en: 'Inventory, framework conditions, expectations' },
    questions: [
      { de: 'IST-Aufnahme und Auswertung: Bildungs-Leistungsanbieter, Leistungsangebote, Bildungsmonitoring', en: 'Inventory and evaluation: education providers, offers, education monitoring' },
      { de: 'Welche Rahmenbedingungen prägen derzeit das Handeln?', en: 'Which framework conditions shape what we do today?' },
      { de: 'Mit welchen Veränderungen der Rahmenbedingungen ist zu rechnen? Welche Konsequenzen ergeben sich daraus?', en: 'Which changes in the framework conditions are to be expected, and what follows from them?' },
      { de: 'Welche Erwartungen haben Nutzer, Leistungsanbieter, mittelbare Nutzergruppen (z. B. Wirtschaft, Hochschulen) und Gemeinden (bei Kreisen)?', en: 'What do users, providers, indirect users (e.g. business, universities) and member municipalities expect?' },
    ],
  },
  {
    id: 'steuerung',
    number: '4',
    title: { de: 'Steuerung des Bildungshandelns', en: 'Steering education' },
    questions: [
      { de: 'Wer steuert die Bildungsaktivitäten? Wer wird daran beteiligt?', en: 'Who steers the education activities? Who takes part?' },
      { de: 'Welche Kompetenzen haben „die Steuerer“?', en: 'What powers do those who steer have?' },
      { de: 'Wie grenzen sich die Verantwortlichkeiten zu anderen Verantwortlichen ab?', en: 'How are their responsibilities delimited from others’?' },
      { de: 'Wer leistet die strategische und operative Steuerungsunterstützung?', en: 'Who provides strategic and operational steering support?' },
    ],
  },
  {
    id: 'bildungskommission',
    number: '5',
    title: { de: 'Bildungskommission', en: 'Education commission' },
    questions: [
      { de: 'Wer ist Mitglied?', en: 'Who are its members?' },
      { de: 'Wie oft tagt sie?', en: 'How often does it meet?' },
      { de: 'Was sind die zu diskutierenden Themen?', en: 'Which topics does it discuss?' },
      { de: 'Welche Zuständigkeiten hat sie?', en: 'What is it responsible for?' },
    ],
  },
  {
    id: 'politik',
    number: '6',
    title: { de: 'Beteiligung der Politik', en: 'Involving local politics' },
    questions: [
      { de: 'In welchen Phasen der Arbeiten wird die Politik beteiligt?', en: 'In which phases of the work is politics involved?' },
      { de: 'Wie sieht die Beteiligung phasenabhängig aus – inhaltlich, prozessual, funktionsträgerbezogen, formell/informell?', en: 'What does involvement look like per phase – on content, on process, through office-holders, formally or informally?' },
    ],
  },
];

/** The XmlFragment holding a section's co-edited answer (Tiptap's Collaboration `field`). */
export function canvasFieldName(sectionId: string): string {
  return `canvas:${sectionId}`;
}

export function getCanvasFragment(doc: Y.Doc, sectionId: string): Y.XmlFragment {
  return doc.getXmlFragment(canvasFieldName(sectionId));
}

export const canvasMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'canvas-1-initial',
    up: (doc) => {
      for (const s of CANVAS_SECTIONS) getCanvasFragment(doc, s.id);
    },
  },
];
