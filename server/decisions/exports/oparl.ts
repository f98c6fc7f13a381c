/**
 * An OParl 1.1 `Paper` (Drucksache) for a council information system: paperType
 * "Beschlussvorlage", one `Consultation` by the Lenkungskreis (authoritative: it decides), and
 * the version's PDF as `mainFile` (a `File` with accessUrl, downloadUrl, mimeType, size and a
 * SHA-512 checksum). Objects that Werkraum does not have (Body, Organization) are referenced by
 * stable URLs under the server's public address.
 */
import { DRAFT_STATUS_LABELS } from '../../../shared/decision';
import { fassungLabel, paperKind, type DecisionExportInput } from './decisionDocument';
import { fileSlug } from './model';

export const OPARL_TYPES = {
  paper: 'https://schema.oparl.org/1.1/Paper',
  consultation: 'https://schema.oparl.org/1.1/Consultation',
  file: 'https://schema.oparl.org/1.1/File',
} as const;

export interface PdfFileFacts {
  size: number;
  sha512: string;
}

export function oparlPaper(input: DecisionExportInput, pdf: PdfFileFacts): Record<string, unknown> {
  const base = input.urls.base.replace(/\/$/, '');
  const paperId = input.urls.paper;
  const date = (input.version?.handedOverAt ?? input.generatedAt).slice(0, 10);
  const created = input.version?.handedOverAt ?? input.generatedAt;
  const modified = input.decision?.recordedAt ?? created;
  const fileName = `${fileSlug(`${input.reference}-${input.content.title}`)}.pdf`;
  return {
    id: paperId,
    type: OPARL_TYPES.paper,
    body: `${base}/api/oparl/body`,
    name: input.content.title,
    reference: input.version ? `${input.reference}/${input.version.number}` : input.reference,
    date,
    paperType: paperKind(input.session.kind),
    mainFile: {
      id: `${paperId}/file/pdf`,
      type: OPARL_TYPES.file,
      name: `${paperKind(input.session.kind)} ${input.reference} (${fassungLabel(input)})`,
      fileName,
      mimeType: 'application/pdf',
      date,
      size: pdf.size,
      sha512Checksum: pdf.sha512,
      accessUrl: input.urls.pdf,
      downloadUrl: input.urls.pdf,
      paper: [paperId],
      created,
      modified: created,
    },
    consultation: [
      {
        id: `${paperId}/consultation/1`,
        type: OPARL_TYPES.consultation,
        paper: paperId,
        organization: [`${base}/api/oparl/organization/lenkungskreis`],
        // An Informationsvorlage is taken note of, not decided.
        authoritative: input.session.kind !== 'interfraktionelle_ag',
        role:
          input.session.kind === 'interfraktionelle_ag'
            ? 'Kenntnisnahme'
            : input.decision
              ? `Entscheidung (${DRAFT_STATUS_LABELS[input.decision.outcome]})`
              : 'Entscheidung',
        created,
        modified,
      },
    ],
    keyword: ['Werkraum', 'Bildungsmanagement', input.content.gremium].filter((k) => k !== ''),
    web: input.urls.draft,
    created,
    modified,
  };
}
