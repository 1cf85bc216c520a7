// One review's record as a print-ready document for a supervisory authority: what was assessed
// and decided, the screening with its reasons, the DPIA or its exemption, the risk before and
// after the measures, the mitigations with owners, the conditions and their status, the answers
// (with the DPIA's sections), and who signed what with each entry's hash. The JSON record is the
// evidence; this page prints its digest so the two can be matched, and says how to check it.
// Every piece of text from a person or the questionnaire goes through escapeHtml.
import type { ReviewRecordFile, ReviewRecordView } from '../review/reviewRecord';
import type { AssessmentV2, ReviewAssessment } from '../review/model';
import { SCREENING_CRITERION_NAMES } from '../review/model';
import { escapeHtml, formatDay, formatDayTime, printDocument } from './report';

const VERDICT: Record<string, string> = {
  required: 'A DPIA is required',
  likely: 'A DPIA is likely to be needed (two or more WP248 criteria)',
  consider: 'A DPIA should be considered (one WP248 criterion)',
  notIndicated: 'The screening does not indicate a DPIA',
};
const STANDING: Record<string, string> = {
  notNeeded: 'Not needed',
  done: 'Carried out in this review',
  exempted: 'Exempted (see below)',
  open: 'Needed and not yet carried out or exempted: the review cannot be approved',
};
const BASIS: Record<string, string> = {
  nationalNoDpiaList:
    "On the supervisory authority's list of processing that needs no DPIA (GDPR Art. 35(5))",
  lawWithAssessment: 'A law regulates it and a DPIA was made when it was adopted (Art. 35(10))',
  individualProfessional:
    "An individual physician, health professional or lawyer's own patients or clients (Recital 91)",
  similarProcessing: 'A DPIA of very similar processing covers it (Art. 35(1))',
  notLikelyHighRisk: 'Criteria met, but not likely to result in a high risk (WP248)',
};
const STATUS: Record<string, string> = {
  submitted: 'Awaiting a decision',
  changesRequested: 'Changes requested',
  approved: 'Approved',
  approvedWithConditions: 'Approved with conditions',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};
const DIMENSION: Record<string, string> = {
  privacy: 'Privacy',
  fairness: 'Fairness',
  security: 'Security',
  legal: 'Rights and lawfulness',
  reputation: 'Expectations and trust',
};
const SCALE = ['', 'negligible', 'limited', 'significant', 'maximum'];
const EVENT: Record<string, string> = {
  'review.submitted': 'Submitted',
  'review.commented': 'Commented',
  'review.changesRequested': 'Requested changes',
  'review.decided': 'Decided',
  'review.withdrawn': 'Withdrew',
  'review.conditionMet': 'Marked a condition met',
  'review.dpiaExempted': 'Recorded a DPIA exemption',
};

const CSS = `
h2{margin-top:12pt}
table{width:100%;border-collapse:collapse;font-size:8pt;margin:4pt 0 8pt}
thead{display:table-header-group}
tr{break-inside:avoid}
th,td{padding:2.5pt 4pt;border-bottom:0.5pt solid #d0d7de;text-align:left;vertical-align:top}
th{font-weight:600;background:#eef3f8}
dl{display:grid;grid-template-columns:42mm 1fr;gap:2pt 8pt;font-size:9pt;margin:4pt 0 8pt}
dt{font-weight:600}
dd{margin:0}
.hash{font-family:monospace;font-size:7pt;word-break:break-all}
.note{font-size:8pt;color:#57606a}
.flag-open{color:#b42318;font-weight:600}
`;

function text(s: string | null | undefined): string {
  return escapeHtml(s ?? '—');
}

function personName(view: ReviewRecordView, id: string): string {
  const p = view.people.find((x) => x.id === id);
  return p ? `${escapeHtml(p.name)}${p.team ? ` (${escapeHtml(p.team)})` : ''}` : escapeHtml(id);
}

function screening(a: ReviewAssessment): string {
  if (a.format !== 2) {
    const s = a.screening;
    return `<p>${escapeHtml(s.explanation.join(' '))}</p>`;
  }
  const v2 = a as AssessmentV2;
  const rows = v2.screening.criteria
    .map((c) => {
      const how = c.conflict
        ? `Implied by the data although answered no — ${escapeHtml(c.inferred.map((i) => i.because).join(' '))}`
        : c.answer === 'yes'
          ? 'Answered yes'
          : c.inferred.length > 0
            ? `Implied by the data — ${escapeHtml(c.inferred.map((i) => i.because).join(' '))}`
            : c.answer === 'unsure'
              ? 'Answered unsure (not counted)'
              : c.answer === 'no'
                ? 'Answered no'
                : 'Not answered';
      return `<tr><td>${escapeHtml(SCREENING_CRITERION_NAMES[c.criterion])}</td><td>${c.met ? 'Met' : 'Not met'}</td><td>${how}</td></tr>`;
    })
    .join('');
  const grounds = v2.dpia.grounds
    .map((g) =>
      g.kind === 'article35_3'
        ? `<li>GDPR Art. 35(3)(${g.item})</li>`
        : `<li>${escapeHtml(g.authority)}: ${escapeHtml(g.title)} <span class="note">(${escapeHtml(g.source)})</span></li>`,
    )
    .join('');
  const route =
    v2.dpia.route === 'exemption' && v2.dpia.claim
      ? `Exemption claimed: ${escapeHtml(BASIS[v2.dpia.claim.basis] ?? v2.dpia.claim.basis)} — ${text(v2.dpia.claim.reason)} (${text(v2.dpia.claim.reference)})`
      : v2.dpia.route === 'carryOut'
        ? 'Carried out in this review (the DPIA sections among the answers below)'
        : '—';
  return [
    `<p><strong>${escapeHtml(VERDICT[v2.dpia.verdict] ?? v2.dpia.verdict)}.</strong>${v2.dpia.neededBy === 'organisationRule' && v2.dpia.organisationRule ? ` ${escapeHtml(v2.dpia.organisationRule)}` : ''}</p>`,
    grounds ? `<p>Required by:</p><ul>${grounds}</ul>` : '',
    `<table><thead><tr><th>WP248 criterion</th><th>Result</th><th>How</th></tr></thead><tbody>${rows}</tbody></table>`,
    `<dl><dt>DPIA</dt><dd>${v2.dpia.needed ? route : 'Not needed'}</dd></dl>`,
  ].join('');
}

function risk(a: ReviewAssessment): string {
  if (a.format !== 2) {
    const rows = a.risk.dimensions
      .map(
        (d) =>
          `<tr><td>${escapeHtml(d.label)}</td><td>${d.likelihood} × ${d.severity} = ${d.score}</td><td>${d.level}</td></tr>`,
      )
      .join('');
    return `<p>Overall: <strong>${a.risk.overall.level}</strong> (format 1: likelihood × severity, 0–3).</p><table><thead><tr><th>Dimension</th><th>Score</th><th>Level</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
  const v2 = a as AssessmentV2;
  const point = (p: { severity: number; likelihood: number; level: string }): string =>
    `${p.level} <span class="note">(severity ${SCALE[p.severity]}, likelihood ${SCALE[p.likelihood]})</span>`;
  const rows = v2.risk.dimensions
    .map(
      (d) =>
        `<tr><td>${escapeHtml(DIMENSION[d.dimension] ?? d.dimension)}</td><td>${point(d.inherent)}</td><td>${point(d.residual)}</td></tr>`,
    )
    .join('');
  return [
    `<p>Inherent risk: <strong>${v2.risk.inherent.level}</strong>; residual risk, after the accepted mitigations: <strong>${v2.risk.residual.level}</strong>.</p>`,
    `<table><thead><tr><th>Dimension</th><th>Inherent</th><th>Residual</th></tr></thead><tbody>${rows}</tbody></table>`,
  ].join('');
}

/** The record as a complete HTML document for printing. */
export function renderReviewRecordHtml(
  record: ReviewRecordFile,
  meta: { digest: string; appVersion: string },
): string {
  const view = record.view as ReviewRecordView;
  const a = view.assessment;
  const flags = a.flags.length
    ? `<table><thead><tr><th>Flag</th><th>Kind</th><th>Standing</th><th>Reference</th></tr></thead><tbody>${a.flags
        .map(
          (f) =>
            `<tr><td>${escapeHtml(f.label)}<br><span class="note">${escapeHtml(f.reason)}</span></td><td>${f.blocking ? 'Blocking' : 'Warning'}</td><td${f.blocking && !f.cleared ? ' class="flag-open"' : ''}>${f.cleared ? 'Cleared' : 'Open'}</td><td>${escapeHtml(f.reference)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>No flags.</p>';
  const mitigations = a.mitigations.length
    ? `<table><thead><tr><th>Mitigation</th><th>Response</th><th>Reference</th></tr></thead><tbody>${a.mitigations
        .map((m) => {
          const r = m.response;
          const response = !r
            ? 'No response'
            : r.status === 'accepted'
              ? `Accepted — owner ${escapeHtml(r.owner)}, due ${formatDay(r.dueDate)}`
              : `Declined — ${escapeHtml(r.reason)}`;
          return `<tr><td>${escapeHtml(m.title)}</td><td>${response}</td><td>${escapeHtml(m.reference)}</td></tr>`;
        })
        .join('')}</tbody></table>`
    : '<p>No mitigations were proposed.</p>';
  const decision = view.decision
    ? `<dl><dt>Decision</dt><dd>${escapeHtml(STATUS[view.decision.decision] ?? view.decision.decision)} on version ${view.decision.version}, by ${personName(view, view.decision.by)}, ${formatDayTime(view.decision.at)}</dd><dt>Rationale</dt><dd>${text(view.decision.rationale)}</dd><dt>Re-review</dt><dd>${formatDay(view.decision.reReviewDate)}</dd>${
        view.decision.dpoAdvice
          ? `<dt>DPO's advice</dt><dd>${view.decision.dpoAdvice.followed ? 'Followed' : `Not followed: ${text(view.decision.dpoAdvice.reason)}`}</dd>`
          : ''
      }</dl>`
    : '<p>Not decided.</p>';
  const conditions = view.conditions.length
    ? `<table><thead><tr><th>Condition</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>${view.conditions
        .map(
          (c) =>
            `<tr><td>${escapeHtml(c.text)}</td><td>${escapeHtml(c.owner)}</td><td>${formatDay(c.dueDate)}</td><td>${c.met ? `Met ${formatDay(c.met.at)} by ${personName(view, c.met.by)}: ${escapeHtml(c.met.note)}` : 'Open'}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  const exemptions = view.exemptions
    .map(
      (e) =>
        `<dl><dt>Exemption (version ${e.version})</dt><dd>${escapeHtml(BASIS[e.basis] ?? e.basis)}</dd><dt>Reason</dt><dd>${escapeHtml(e.reason)}</dd><dt>Reference</dt><dd>${escapeHtml(e.reference)}</dd><dt>DPO's view</dt><dd>${escapeHtml(e.dpoView)}</dd><dt>Recorded by</dt><dd>${personName(view, e.by)}, ${formatDayTime(e.at)}</dd></dl>`,
    )
    .join('');
  let lastSection = '';
  const answers = view.answers
    .map((x) => {
      const head =
        x.section !== lastSection
          ? `<tr><th colspan="2">${escapeHtml(x.section)}${x.dpia ? ' (DPIA)' : ''}</th></tr>`
          : '';
      lastSection = x.section;
      return `${head}<tr><td>${escapeHtml(x.label)}</td><td>${escapeHtml(x.answer)}</td></tr>`;
    })
    .join('');
  const signed = view.signed
    .map((s) => {
      const p = view.people.find((x) => x.id === s.by);
      return `<tr><td>${escapeHtml(EVENT[s.type] ?? s.type)} (v${s.version})</td><td>${personName(view, s.by)}<br><span class="hash">${escapeHtml(p?.fingerprint ?? '')}</span></td><td>${formatDayTime(s.at)}</td><td class="hash">${escapeHtml(s.entryHash)}</td></tr>`;
    })
    .join('');
  const body = [
    `<h1>${escapeHtml(view.title)}</h1>`,
    `<p class="note">Review record ${escapeHtml(view.reviewId)} · exported ${formatDayTime(record.exportedAt)} by ${personName(view, record.exportedBy)} · Steward ${escapeHtml(meta.appVersion)}</p>`,
    `<dl><dt>Status</dt><dd>${escapeHtml(STATUS[view.status] ?? view.status)}</dd><dt>Submitted by</dt><dd>${personName(view, view.submitter.id)}</dd><dt>Questionnaire</dt><dd>version ${escapeHtml(view.questionnaire.version)}</dd><dt>DPIA</dt><dd>${escapeHtml(STANDING[view.dpia.standing] ?? view.dpia.standing)}</dd><dt>Summary</dt><dd>${text(a.summary.summary)}</dd><dt>Accountable</dt><dd>${text(a.summary.owner)}</dd><dt>Launch</dt><dd>${formatDay(a.summary.launchDate)}</dd><dt>DPO consulted</dt><dd>${text(a.summary.dpoConsulted)}${a.summary.dpoAdvice ? ` — ${escapeHtml(a.summary.dpoAdvice)}` : ''}</dd></dl>`,
    '<h2>DPIA screening</h2>',
    screening(a),
    exemptions ? `<h2>DPIA exemption</h2>${exemptions}` : '',
    '<h2>Risk to the people concerned</h2>',
    risk(a),
    '<h2>Flags</h2>',
    flags,
    '<h2>Mitigations</h2>',
    mitigations,
    '<h2>Decision</h2>',
    decision,
    conditions ? `<h2>Conditions</h2>${conditions}` : '',
    '<h2>Answers</h2>',
    `<table><tbody>${answers}</tbody></table>`,
    '<h2>Who signed what</h2>',
    `<table><thead><tr><th>Entry</th><th>By (key fingerprint)</th><th>When</th><th>Entry hash</th></tr></thead><tbody>${signed}</tbody></table>`,
    '<h2>Checking this record</h2>',
    `<p>Every statement above comes from signed ledger entries kept in the JSON record exported with this page. Its digest is <span class="hash">${escapeHtml(meta.digest)}</span>. Run <code>steward review check FILE.review.json</code> (add <code>--workspace DIR</code> to compare with the workspace): it verifies each entry's signature, re-computes the assessment from the answers and the questionnaire, and refuses a copy that was changed.</p>`,
  ].join('\n');
  return printDocument({
    title: `Review record — ${view.title}`,
    runningTitle: `Steward review record ${view.reviewId}`,
    css: CSS,
    body,
  });
}
