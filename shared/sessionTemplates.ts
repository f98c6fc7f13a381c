/**
 * What a session template puts on the agenda when a session is created: the steps of the steering
 * cycle (Steuerungskreislauf) that work on the template's boards, each with its board, its phase
 * and planned minutes. The titles are agenda text (German, like the rest of a session's content);
 * moderators edit, reorder or remove the items afterwards like any other.
 */
import type { DocKind } from './docs';
import { templateBoards, type SessionTemplate } from './domain';
import type { SteeringPhase } from './moderationState';

export interface TemplateAgendaItem {
  title: string;
  phase: SteeringPhase;
  board: DocKind;
  plannedMinutes: number;
}

/** Every step a board can take part in, in the order of the steering cycle. */
const STEPS: readonly TemplateAgendaItem[] = [
  { title: 'Wo stehen wir? Ausgangslage: Stärken, Schwächen, Chancen, Risiken', phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 45 },
  { title: 'Wo wollen wir hin? Schwerpunktthemen und Prioritäten', phase: 'wo_wollen_wir_hin', board: 'priorities', plannedMinutes: 30 },
  { title: 'Wo wollen wir hin? Strategische Ziele', phase: 'wo_wollen_wir_hin', board: 'goals', plannedMinutes: 45 },
  { title: 'Wie kommen wir ans Ziel? Maßnahmen in den vier Zielfeldern', phase: 'wie_kommen_wir_ans_ziel', board: 'actions', plannedMinutes: 60 },
  { title: 'Wie überprüfen wir unser Handeln? Messbare Ziele und Indikatoren', phase: 'wie_ueberpruefen_wir', board: 'goals', plannedMinutes: 30 },
  { title: 'Gesamtkonzept Bildung: die sechs Bausteine', phase: 'wo_wollen_wir_hin', board: 'canvas', plannedMinutes: 90 },
];

/** The agenda a new session of this template starts with (empty for none). */
export function templateAgenda(template: SessionTemplate): TemplateAgendaItem[] {
  const boards = new Set<DocKind>(templateBoards(template));
  return STEPS.filter((step) => boards.has(step.board)).map((step) => ({ ...step }));
}
