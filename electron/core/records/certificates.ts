// Certificates for every completion in a records view, one A4 page each, in the look and words of
// the certificate screen (renderer/features/training/CertificateScreen.tsx). Each page carries the
// completion's ledger entry hash — the reference anyone holding the records can verify — and the
// head of that person's ledger when the file was made. User text is escaped as in the report.
import type { MatrixRow, RecordsView } from '../contract/views/records';
import { BRAND_MARK_SVG, escapeHtml, formatDay, formatDayTime, printDocument, type PdfMeta } from './report';

/** The rows that get a certificate: those with a completion on record, in the view's order. */
export function certificateRows(view: RecordsView): MatrixRow[] {
  return view.matrix.filter((r) => r.completedAt !== null);
}

const CERTIFICATE_CSS = `
.certificate{position:relative;height:259mm;display:flex;flex-direction:column;align-items:center;
  padding:18mm 16mm 12mm;border:1pt solid #8a9597;border-radius:6pt;text-align:center;
  break-after:page;page-break-after:always;break-inside:avoid;overflow:hidden}
.certificate:last-child{break-after:auto;page-break-after:auto}
.certificate::before{content:'';position:absolute;inset:4mm;border:2pt solid #ddefee;border-radius:4pt}
.kind{margin-top:8pt;color:#0c6b6b;font-size:9pt;font-weight:600;letter-spacing:.16em;text-transform:uppercase}
.intro{margin:18pt 0 0;color:#4f5e62;font-style:italic;font-size:11pt}
.name{margin:6pt 0 0;font-family:Georgia,"DejaVu Serif","Times New Roman",serif;font-size:28pt;line-height:1.15}
.who{margin:4pt 0 0;color:#4f5e62;font-size:9.5pt}
.module{max-width:150mm;margin:6pt 0 0;font-family:Georgia,"DejaVu Serif","Times New Roman",serif;font-size:19pt;font-weight:400}
.facts{display:grid;grid-template-columns:repeat(4,1fr);gap:8pt;width:100%;max-width:160mm;margin:22pt 0 0;
  padding:10pt 0;border-top:0.75pt solid #b9c3c5;border-bottom:0.75pt solid #b9c3c5}
.facts dt{color:#4f5e62;font-size:7.5pt;font-weight:600;letter-spacing:.04em;text-transform:uppercase}
.facts dd{margin:3pt 0 0;font-weight:600;font-size:10.5pt;word-break:break-word}
.proof{width:100%;max-width:160mm;margin-top:auto;text-align:left}
.proof h3{margin:0 0 4pt;color:#4f5e62;font-size:7.5pt;letter-spacing:.04em;text-transform:uppercase}
.proof dl{margin:0;display:grid;grid-template-columns:34mm 1fr;gap:3pt 8pt;font-size:8.5pt}
.proof dt{color:#4f5e62}
.proof dd{margin:0}
.proof p{font-size:8pt;color:#4f5e62;margin-top:6pt}
.brand{justify-content:center}
`;

export function certificatesTitle(meta: PdfMeta): string {
  return meta.pseudonymised ? 'Certificates of completion (pseudonymised)' : 'Certificates of completion';
}

export function renderCertificatesHtml(view: RecordsView, meta: PdfMeta): string {
  const people = new Map(view.people.map((p) => [p.id, p]));
  const heads = new Map(view.heads.map((h) => [h.profileId, h]));
  const rows = certificateRows(view);
  const kind = meta.pseudonymised ? 'Certificate of completion · pseudonymised' : 'Certificate of completion';

  const pages = rows.map((row) => {
    const email = people.get(row.personId)?.email ?? '';
    const version = row.completedVersion === null ? '—' : escapeHtml(row.completedVersion);
    const head = heads.get(row.personId);
    const ledgerLine =
      head === undefined
        ? ''
        : `<dt>Ledger at export</dt><dd><code>${escapeHtml(head.profileId)}</code>, ${head.entries} entries, head ` +
          `<code>${head.headHash === null ? 'none' : escapeHtml(head.headHash)}</code></dd>`;
    return [
      '<article class="certificate">',
      `<p class="brand">${BRAND_MARK_SVG}<span>Steward</span></p>`,
      `<p class="kind">${kind}</p>`,
      '<p class="intro">This certifies that</p>',
      `<p class="name">${escapeHtml(row.name)}</p>`,
      `<p class="who">${escapeHtml(row.team)}${email === '' ? '' : ` · ${escapeHtml(email)}`}</p>`,
      '<p class="intro">completed the data-ethics module</p>',
      `<h2 class="module">${escapeHtml(row.moduleTitle)}</h2>`,
      '<dl class="facts">',
      `<div><dt>Completed</dt><dd>${formatDay(row.completedAt)}</dd></div>`,
      `<div><dt>Score</dt><dd>${row.score === null ? '—' : `${row.score}%`}</dd></div>`,
      `<div><dt>Valid until</dt><dd>${formatDay(row.expiresAt)}</dd></div>`,
      `<div><dt>Module version</dt><dd>${version}</dd></div>`,
      '</dl>',
      '<section class="proof"><h3>Record</h3><dl>',
      `<dt>Ledger entry hash</dt><dd><code>${row.entryHash === null ? 'not on record' : escapeHtml(row.entryHash)}</code></dd>`,
      ledgerLine,
      `<dt>Made</dt><dd>${formatDayTime(meta.generatedAt)}${meta.generatedBy === null ? '' : ` by ${escapeHtml(meta.generatedBy)}`}, Steward ${escapeHtml(meta.appVersion)}</dd>`,
      '</dl>',
      '<p>A signed record of a completed module. Anyone with access to the records can check it with the entry ' +
        'hash: it names the ledger entry, signed by the learner&#39;s key, behind this certificate.</p>',
      meta.pseudonymised
        ? '<p>Pseudonymised: the name and email above are pseudonyms, not the person&#39;s own.</p>'
        : '',
      '</section>',
      '</article>',
    ].join('\n');
  });

  const body =
    pages.length > 0
      ? pages.join('\n')
      : '<article class="certificate"><p class="brand">' +
        `${BRAND_MARK_SVG}<span>Steward</span></p><p class="kind">${kind}</p>` +
        '<p class="intro">No completions in these records, so there is no certificate to print.</p></article>';

  return printDocument({
    title: certificatesTitle(meta),
    runningTitle: `Steward · ${meta.pseudonymised ? 'pseudonymised certificates' : 'certificates'} · ${formatDay(meta.generatedAt)}`,
    css: CERTIFICATE_CSS,
    body,
  });
}
