// The manager's report as one self-contained, print-ready HTML document: summary figures, charts
// drawn as inline SVG from the view (each with a table saying the same in words), the completion
// matrix, who needs what, the reviews register, and the ledger heads the report was made from.
// Chromium (headless, or Electron's printToPDF) turns it into the PDF. Every piece of text that
// came from a person — names, teams, titles, conditions — goes through escapeHtml, and the page
// carries a CSP with no script source, so nothing in the records can become live markup.
import type {
  AttentionItem,
  MatrixRow,
  RateRow,
  RecordsView,
  ReviewOutcomeMonth,
  ReviewRegisterRow,
} from '../contract/views/records';
import type { ReviewDisplayStatus, RiskLevel } from '../contract/views/reviews';
import type { TrainingStatus } from '../contract/views/training';
import { describeIgnored } from './projection';
import { wholePercent } from './percent';

export interface PdfMeta {
  /** ISO-8601 time the file was made. */
  generatedAt: string;
  /** Who made it (display name), or null when not known (CLI without a profile). */
  generatedBy: string | null;
  /** The view's names and emails are pseudonyms: the heading and a note say so. */
  pseudonymised: boolean;
  appVersion: string;
  /** Ledgers found cut back, deleted or rewritten against what witnesses saw: stated near the top. */
  integrity?: readonly IntegrityNote[];
}

/** One problem the witnesses show, as an export states it (English, with file and entry). */
export interface IntegrityNote {
  file: string;
  seq: number | null;
  code: string;
  text: string;
}

function integritySection(notes: readonly IntegrityNote[]): string {
  const items = notes
    .map(
      (n) =>
        `<li><code>${escapeHtml(n.file)}</code>${n.seq === null ? '' : `, entry ${n.seq}`}: ${escapeHtml(n.text)}.</li>`,
    )
    .join('');
  return (
    '<section class="integrity"><h2>Records missing or rewritten</h2>' +
    '<p>Other people&#39;s apps recorded how far they saw these ledgers, and the files no longer match what ' +
    'they saw, so the figures below may be missing entries or show ones written over: check these ledgers with ' +
    'their owners, and restore them from a backup before relying on this report.</p>' +
    `<ul>${items}</ul></section>`
  );
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text -> HTML text or attribute value (quoted). Safe in both. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Text -> the body of a CSS string literal: anything but plain characters as a CSS hex escape. */
function cssString(text: string): string {
  return text.replace(/[^A-Za-z0-9 .,:()-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "4 Mar 2026" in UTC, the same wherever the file is made; "—" for none. Already HTML-safe. */
export function formatDay(iso: string | null): string {
  if (iso === null || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return escapeHtml(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "4 Mar 2026, 09:05 UTC". Already HTML-safe. */
export function formatDayTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return escapeHtml(iso);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDay(iso)}, ${hh}:${mm} UTC`;
}

/** "2026-03" -> "Mar 2026". */
function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return escapeHtml(month);
  return `${MONTHS[Number(m[2]) - 1] ?? escapeHtml(m[2]!)} ${m[1]}`;
}

function percent(part: number, whole: number): string {
  const value = wholePercent(part, whole);
  return value === null ? '—' : `${value}%`;
}

/** Long labels are cut for the charts only; the tables beside them carry the whole text. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const TRAINING_STATUS_WORDS: Record<TrainingStatus, string> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  passed: 'Passed',
  dueSoon: 'Due soon',
  expired: 'Expired',
  overdue: 'Overdue',
  updated: 'Updated',
};

const REVIEW_STATUS_WORDS: Record<ReviewDisplayStatus, string> = {
  submitted: 'Awaiting decision',
  changesRequested: 'Changes requested',
  approved: 'Approved',
  approvedWithConditions: 'Approved with conditions',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  reReviewDue: 'Re-review due',
};

const RISK_WORDS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** The palette of the app (renderer/styles/tokens.css), for paper. */
const COLOR = {
  text: '#172224',
  muted: '#4f5e62',
  border: '#b9c3c5',
  track: '#e6ebeb',
  accent: '#0c6b6b',
  accentSoft: '#ddefee',
  success: '#1b6b3f',
  successLight: '#6aa886',
  warning: '#b57a12',
  error: '#a8271b',
};

const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;color:${COLOR.text};font:9.5pt/1.4 "Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif}
h1,h2,h3{margin:0;line-height:1.2;break-after:avoid}
h1{font-size:20pt;font-weight:600}
h2{font-size:13pt;font-weight:600;margin:18pt 0 6pt;padding-bottom:3pt;border-bottom:1.5pt solid ${COLOR.accent}}
h3{font-size:10.5pt;font-weight:600;margin:10pt 0 4pt}
p{margin:0 0 6pt}
code,.hash{font-family:"DejaVu Sans Mono","Liberation Mono",monospace;font-size:8pt;word-break:break-all}
.muted{color:${COLOR.muted}}
.brand{display:flex;align-items:center;gap:6pt;color:${COLOR.accent};font-weight:600;font-size:11pt}
.brand svg{width:20pt;height:20pt}
.note{margin:8pt 0;padding:6pt 8pt;border-left:3pt solid ${COLOR.warning};background:#fdf3dd}
`;

/** Steward's mark (renderer/app/BrandMark.tsx), drawn without the app's CSS. */
export const BRAND_MARK_SVG =
  '<svg viewBox="0 0 32 32" aria-hidden="true">' +
  `<rect width="32" height="32" rx="8" fill="${COLOR.accent}"/>` +
  '<path d="M16 6.5 8.5 9.5v6c0 4.6 3.2 8.4 7.5 9.9 4.3-1.5 7.5-5.3 7.5-9.9v-6L16 6.5Z" fill="#fff"/>' +
  `<path d="m12.3 16 2.6 2.6 4.9-5.2" fill="none" stroke="${COLOR.accent}" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>` +
  '</svg>';

/**
 * Wraps a body into a complete document: A4 with margins, page numbers and a running title in
 * the page margin boxes (Chromium draws them itself, so no header/footer template is needed),
 * and a CSP that allows inline styles and nothing else to run or load.
 */
export function printDocument(parts: {
  /** Plain text; escaped here. */
  title: string;
  /** Plain text for the page footer; escaped for CSS here. */
  runningTitle: string;
  css: string;
  /** HTML, already escaped by the caller. */
  body: string;
}): string {
  const pageCss = `@page{size:A4;margin:16mm 14mm 18mm;
@bottom-left{content:"${cssString(parts.runningTitle)}";font:7.5pt sans-serif;color:${COLOR.muted}}
@bottom-right{content:"Page " counter(page) " of " counter(pages);font:7.5pt sans-serif;color:${COLOR.muted}}}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${pageCss}${BASE_CSS}${parts.css}</style>`,
    '</head><body>',
    parts.body,
    '</body></html>',
  ].join('\n');
}

const REPORT_CSS = `
.cover{display:flex;justify-content:space-between;align-items:flex-start;gap:12pt;margin-bottom:6pt}
.cover>div{flex:1}
.facts{flex:0 0 62mm;margin:0;font-size:8.5pt;color:${COLOR.muted};text-align:right}
.figures{display:grid;grid-template-columns:repeat(4,1fr);gap:6pt;margin:10pt 0}
.figure{padding:6pt 8pt;border:0.75pt solid ${COLOR.border};border-radius:4pt;break-inside:avoid}
.figure b{display:block;font-size:16pt;font-weight:600;color:${COLOR.accent}}
.figure span{font-size:8pt;color:${COLOR.muted}}
figure{margin:6pt 0 10pt;break-inside:avoid}
figure svg{display:block;width:100%;height:auto}
figcaption{font-size:8.5pt;color:${COLOR.muted};margin-bottom:4pt}
.legend{display:flex;flex-wrap:wrap;gap:4pt 12pt;font-size:8pt;margin-top:4pt}
.legend i{display:inline-block;width:8pt;height:8pt;margin-right:3pt;vertical-align:-1pt;border-radius:1.5pt}
table{width:100%;border-collapse:collapse;font-size:8pt;margin:4pt 0 8pt}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
th,td{padding:2.5pt 4pt;border-bottom:0.5pt solid ${COLOR.border};text-align:left;vertical-align:top}
th{font-weight:600;background:${COLOR.accentSoft}}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td ul{margin:0;padding-left:10pt}
.status-overdue,.status-expired{color:${COLOR.error};font-weight:600}
.status-dueSoon,.status-updated{color:#7a4a00;font-weight:600}
.status-passed{color:${COLOR.success}}
.alt summary,.alt-title{font-size:8pt;font-weight:600;color:${COLOR.muted};margin:2pt 0}
section{break-before:auto}
.matrix{font-size:7.5pt}
td.date{white-space:nowrap}
`;

interface BarRow {
  label: string;
  /** 0..1, or null when nothing is required. */
  value: number | null;
  caption: string;
}

const BAR_CHUNK = 28;

/** Horizontal bars, cut into figures of at most BAR_CHUNK rows so a chart never runs off a page. */
function horizontalBars(id: string, title: string, rows: BarRow[]): string {
  if (rows.length === 0) return '<p class="muted">Nothing to chart.</p>';
  const out: string[] = [];
  for (let start = 0; start < rows.length; start += BAR_CHUNK) {
    const chunk = rows.slice(start, start + BAR_CHUNK);
    const width = 680;
    const labelW = 210;
    const barW = 390;
    const rowH = 20;
    const height = chunk.length * rowH + 6;
    const part = rows.length > BAR_CHUNK ? ` (${start + 1}–${start + chunk.length} of ${rows.length})` : '';
    const titleId = `${id}-${start}`;
    const svg: string[] = [
      `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId}" xmlns="http://www.w3.org/2000/svg">`,
      `<title id="${titleId}">${escapeHtml(title)}${part}</title>`,
    ];
    chunk.forEach((row, i) => {
      const y = i * rowH + 3;
      const filled = row.value === null ? 0 : Math.max(0, Math.min(1, row.value)) * barW;
      svg.push(
        `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end" font-size="10" fill="${COLOR.text}">${escapeHtml(clip(row.label, 34))}</text>`,
        `<rect x="${labelW}" y="${y + 3}" width="${barW}" height="12" rx="2" fill="${COLOR.track}"/>`,
        `<rect x="${labelW}" y="${y + 3}" width="${filled.toFixed(1)}" height="12" rx="2" fill="${COLOR.accent}"/>`,
        `<text x="${labelW + barW + 6}" y="${y + 13}" font-size="10" fill="${COLOR.muted}">${escapeHtml(row.caption)}</text>`,
      );
    });
    svg.push('</svg>');
    out.push(`<figure><figcaption>${escapeHtml(title)}${part}</figcaption>${svg.join('')}</figure>`);
  }
  return out.join('\n');
}

function rateRows(rows: RateRow[]): BarRow[] {
  return rows.map((r) => ({
    label: r.label,
    value: r.required === 0 ? null : r.current / r.required,
    caption:
      r.required === 0 ? 'none required' : `${percent(r.current, r.required)} (${r.current}/${r.required})`,
  }));
}

function rateTable(keyHeading: string, rows: RateRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.label)}</td><td class="num">${r.required}</td><td class="num">${r.current}</td>` +
        `<td class="num">${r.overdue}</td><td class="num">${percent(r.current, r.required)}</td></tr>`,
    )
    .join('');
  return (
    `<p class="alt-title">The same in figures</p><table><thead><tr><th>${keyHeading}</th>` +
    '<th class="num">Required</th><th class="num">Current</th><th class="num">Overdue</th>' +
    `<th class="num">Completion</th></tr></thead><tbody>${body}</tbody></table>`
  );
}

const OUTCOME_SERIES = [
  { key: 'approved', label: 'Approved', color: COLOR.success },
  { key: 'approvedWithConditions', label: 'Approved with conditions', color: COLOR.successLight },
  { key: 'changesRequested', label: 'Changes requested', color: COLOR.warning },
  { key: 'rejected', label: 'Rejected', color: COLOR.error },
] as const;

const MONTH_CHUNK = 12;

/** Stacked columns, one per month, on one scale across every figure. */
function outcomeColumns(months: ReviewOutcomeMonth[]): string {
  if (months.length === 0) return '<p class="muted">No review decisions yet.</p>';
  const totals = months.map((m) => OUTCOME_SERIES.reduce((sum, s) => sum + m[s.key], 0));
  const max = Math.max(1, ...totals);
  const legend =
    '<div class="legend">' +
    OUTCOME_SERIES.map((s) => `<span><i style="background:${s.color}"></i>${s.label}</span>`).join('') +
    '</div>';
  const out: string[] = [];
  for (let start = 0; start < months.length; start += MONTH_CHUNK) {
    const chunk = months.slice(start, start + MONTH_CHUNK);
    const width = 680;
    const left = 36;
    const plotH = 150;
    const top = 14;
    const height = top + plotH + 30;
    const slot = (width - left) / Math.max(chunk.length, 6);
    const colW = Math.min(30, slot * 0.6);
    const titleId = `outcomes-${start}`;
    const svg: string[] = [
      `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId}" xmlns="http://www.w3.org/2000/svg">`,
      `<title id="${titleId}">Review outcomes per month</title>`,
      `<line x1="${left}" y1="${top + plotH}" x2="${width}" y2="${top + plotH}" stroke="${COLOR.border}"/>`,
      `<text x="${left - 6}" y="${top + 4}" text-anchor="end" font-size="9" fill="${COLOR.muted}">${max}</text>`,
      `<text x="${left - 6}" y="${top + plotH}" text-anchor="end" font-size="9" fill="${COLOR.muted}">0</text>`,
    ];
    chunk.forEach((m, i) => {
      const x = left + i * slot + (slot - colW) / 2;
      let y = top + plotH;
      for (const s of OUTCOME_SERIES) {
        const h = (m[s.key] / max) * plotH;
        if (h <= 0) continue;
        y -= h;
        svg.push(
          `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${colW.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"/>`,
        );
      }
      const total = totals[start + i]!;
      svg.push(
        `<text x="${(x + colW / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" text-anchor="middle" font-size="9" fill="${COLOR.text}">${total}</text>`,
        `<text x="${(x + colW / 2).toFixed(1)}" y="${top + plotH + 14}" text-anchor="middle" font-size="9" fill="${COLOR.muted}">${formatMonth(m.month)}</text>`,
      );
    });
    svg.push('</svg>');
    out.push(`<figure><figcaption>Review outcomes per month</figcaption>${svg.join('')}${legend}</figure>`);
  }
  const rows = months
    .map(
      (m) =>
        `<tr><td>${formatMonth(m.month)}</td><td class="num">${m.approved}</td>` +
        `<td class="num">${m.approvedWithConditions}</td><td class="num">${m.changesRequested}</td>` +
        `<td class="num">${m.rejected}</td>` +
        `<td class="num">${m.medianDaysToDecision === null ? '—' : m.medianDaysToDecision}</td></tr>`,
    )
    .join('');
  out.push(
    '<p class="alt-title">The same in figures</p><table><thead><tr><th>Month</th><th class="num">Approved</th>' +
      '<th class="num">With conditions</th><th class="num">Changes requested</th><th class="num">Rejected</th>' +
      `<th class="num">Median days to decision</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
  return out.join('\n');
}

function statusCell(status: TrainingStatus): string {
  return `<span class="status-${status}">${TRAINING_STATUS_WORDS[status]}</span>`;
}

function matrixTable(rows: MatrixRow[]): string {
  if (rows.length === 0) return '<p class="muted">No one in these records.</p>';
  const body: string[] = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    body[i] =
      `<tr><td>${escapeHtml(r.name)}${r.source === 'imported' ? ' <span class="muted">(imported)</span>' : ''}</td>` +
      `<td>${escapeHtml(r.team)}</td><td>${escapeHtml(r.moduleTitle)}</td>` +
      `<td>${r.required ? 'Yes' : 'No'}</td><td>${statusCell(r.status)}</td>` +
      `<td class="date">${formatDay(r.completedAt)}</td><td class="num">${r.score === null ? '—' : `${r.score}%`}</td>` +
      `<td class="date">${formatDay(r.expiresAt)}</td><td class="date">${formatDay(r.dueAt)}</td>` +
      `<td class="num">${r.attempts}</td></tr>`;
  }
  return (
    '<table class="matrix"><thead><tr><th>Person</th><th>Team</th><th>Module</th><th>Required</th>' +
    '<th>Status</th><th>Completed</th><th class="num">Score</th><th>Expires</th><th>Due</th>' +
    `<th class="num">Attempts</th></tr></thead><tbody>${body.join('')}</tbody></table>`
  );
}

function attentionTable(items: AttentionItem[], empty: string): string {
  if (items.length === 0) return `<p class="muted">${empty}</p>`;
  const rows = items
    .map((item) => {
      const needs = item.modules
        .map(
          (m) =>
            `<li>${escapeHtml(m.title)} — ${statusCell(m.status)}` +
            `${m.dueAt === null ? '' : `, due ${formatDay(m.dueAt)}`}</li>`,
        )
        .join('');
      return `<tr><td>${escapeHtml(item.name)}</td><td>${escapeHtml(item.team)}</td><td><ul>${needs}</ul></td></tr>`;
    })
    .join('');
  return (
    '<table><thead><tr><th style="width:28%">Person</th><th style="width:20%">Team</th><th>Still needs</th>' +
    `</tr></thead><tbody>${rows}</tbody></table>`
  );
}

function reviewsTable(reviews: ReviewRegisterRow[]): string {
  if (reviews.length === 0) return '<p class="muted">No reviews in these records.</p>';
  const rows = reviews
    .map((r) => {
      const conditions =
        r.conditions.length === 0
          ? '—'
          : `<ul>${r.conditions
              .map(
                (c) =>
                  `<li>${escapeHtml(c.text)} <span class="muted">(${escapeHtml(c.owner)}, by ${formatDay(c.dueDate)}` +
                  `${c.metAt ? `; met ${formatDay(c.metAt)}` : ''})</span></li>`,
              )
              .join('')}</ul>`;
      const conflict = r.inConflict
        ? '<br><strong>In conflict:</strong> events on this review disagree; none is applied until a reviewer settles them.'
        : '';
      const decision =
        (r.decision === null
          ? `${REVIEW_STATUS_WORDS[r.status]}`
          : `${REVIEW_STATUS_WORDS[r.status]}<br><span class="muted">${formatDay(r.decidedAt)}` +
            `${r.reviewer ? ` by ${escapeHtml(r.reviewer.name)}` : ''}` +
            `${r.daysToDecision === null ? '' : `, ${r.daysToDecision} day${r.daysToDecision === 1 ? '' : 's'}`}</span>`) +
        conflict;
      return (
        `<tr><td>${escapeHtml(r.title)}<br><span class="muted">${escapeHtml(r.reviewId)}, version ${r.version}` +
        `${r.source === 'imported' ? ', imported' : ''}</span></td>` +
        `<td>${escapeHtml(r.submitter.name)}<br><span class="muted">${escapeHtml(r.submitter.team)}, ${formatDay(r.submittedAt)}</span></td>` +
        `<td>${RISK_WORDS[r.overallRisk]}${r.dpiaRequired ? '<br>DPIA required' : ''}</td>` +
        `<td>${decision}</td><td>${conditions}</td><td>${formatDay(r.reReviewDate)}</td></tr>`
      );
    })
    .join('');
  return (
    '<table><thead><tr><th style="width:22%">Review</th><th style="width:15%">Submitted by</th>' +
    '<th style="width:9%">Risk</th><th style="width:16%">Status</th><th>Conditions</th>' +
    `<th style="width:10%">Re-review</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function headsTable(view: RecordsView): string {
  const names = new Map(view.people.map((p) => [p.id, p.name]));
  const rows = view.heads
    .map(
      (h) =>
        `<tr><td>${escapeHtml(names.get(h.profileId) ?? '—')}<br><code>${escapeHtml(h.profileId)}</code></td>` +
        `<td class="num">${h.entries}</td><td><code>${h.headHash === null ? 'empty ledger' : escapeHtml(h.headHash)}</code></td></tr>`,
    )
    .join('');
  return (
    '<p>Each line is one person&#39;s ledger as it stood when this report was made: its number of entries and ' +
    'the hash of its last entry. A later check of the ledgers against these heads shows whether anything was ' +
    'removed or rewritten since.</p>' +
    '<table><thead><tr><th style="width:30%">Ledger</th><th class="num" style="width:10%">Entries</th>' +
    `<th>Head hash</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

export function scopeWords(view: RecordsView): string {
  switch (view.scope.kind) {
    case 'all':
      return 'All teams';
    case 'teams':
      return view.scope.teams.length === 0
        ? 'No teams'
        : `${view.scope.teams.length === 1 ? 'Team' : 'Teams'}: ${view.scope.teams.join(', ')}`;
    case 'self':
      return 'Own records';
  }
}

export function reportTitle(meta: PdfMeta): string {
  return meta.pseudonymised
    ? 'Data-ethics training and review records (pseudonymised)'
    : 'Data-ethics training and review records';
}

function countBy<T extends string>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

export function renderReportHtml(view: RecordsView, meta: PdfMeta): string {
  const required = view.byTeam.reduce((sum, r) => sum + r.required, 0);
  const current = view.byTeam.reduce((sum, r) => sum + r.current, 0);
  const overdueModules = view.byTeam.reduce((sum, r) => sum + r.overdue, 0);
  const reviewCounts = countBy(view.reviews.map((r) => r.status));
  const outcomeLine = (Object.keys(REVIEW_STATUS_WORDS) as ReviewDisplayStatus[])
    .filter((s) => (reviewCounts.get(s) ?? 0) > 0)
    .map((s) => `${REVIEW_STATUS_WORDS[s]}: ${reviewCounts.get(s)}`)
    .join(' · ');

  const title = reportTitle(meta);
  const body: string[] = [];
  body.push(
    '<header class="cover"><div>',
    `<p class="brand">${BRAND_MARK_SVG}<span>Steward</span></p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="muted">${escapeHtml(scopeWords(view))} · records as of ${formatDayTime(view.asOf)}</p>`,
    '</div><p class="facts">',
    `Made ${formatDayTime(meta.generatedAt)}<br>`,
    meta.generatedBy === null ? '' : `by ${escapeHtml(meta.generatedBy)}<br>`,
    `Steward ${escapeHtml(meta.appVersion)}`,
    '</p></header>',
  );
  if (meta.pseudonymised) {
    body.push(
      '<p class="note">Pseudonymised: names and email addresses are replaced by stable pseudonyms. ' +
        'Teams, modules, dates and the ledger heads are as recorded.</p>',
    );
  }
  if (meta.integrity && meta.integrity.length > 0) body.push(integritySection(meta.integrity));
  body.push(
    '<section><h2>Summary</h2><div class="figures">',
    `<div class="figure"><b>${view.people.length}</b><span>people</span></div>`,
    `<div class="figure"><b>${percent(current, required)}</b><span>required training current (${current} of ${required})</span></div>`,
    `<div class="figure"><b>${view.overdue.length}</b><span>people overdue (${overdueModules} module${overdueModules === 1 ? '' : 's'})</span></div>`,
    `<div class="figure"><b>${view.reviews.length}</b><span>reviews</span></div>`,
    '</div>',
    `<p>Reviews by outcome: ${outcomeLine === '' ? 'none yet' : outcomeLine}.</p>`,
    `<p>Due soon: ${view.dueSoon.length} ${view.dueSoon.length === 1 ? 'person' : 'people'}. ` +
      `Modules: ${view.modules.length}. Teams: ${view.teams.length}.</p>`,
    '</section>',
  );
  body.push(
    '<section><h2>Completion by team</h2>',
    horizontalBars('by-team', 'Required training current, by team', rateRows(view.byTeam)),
    rateTable('Team', view.byTeam),
    '</section>',
    '<section><h2>Completion by module</h2>',
    horizontalBars('by-module', 'Required training current, by module', rateRows(view.byModule)),
    rateTable('Module', view.byModule),
    '</section>',
    '<section><h2>Review outcomes</h2>',
    outcomeColumns(view.reviewOutcomes),
    '</section>',
    '<section><h2>Overdue</h2>',
    attentionTable(view.overdue, 'No one is overdue.'),
    '</section>',
    '<section><h2>Due soon</h2>',
    attentionTable(view.dueSoon, 'No one is due soon.'),
    '</section>',
    '<section><h2>Completion matrix</h2>',
    `<p class="muted">${view.matrix.length} rows: one per person and module.</p>`,
    matrixTable(view.matrix),
    '</section>',
    '<section><h2>Reviews register</h2>',
    reviewsTable(view.reviews),
    '</section>',
  );
  if (view.ignored.length > 0) {
    body.push(
      '<section><h2>Entries these records could not use</h2><ul>',
      view.ignored.map((i) => `<li>${escapeHtml(describeIgnored(i))}</li>`).join(''),
      '</ul></section>',
    );
  }
  body.push('<section><h2>Made from these ledgers</h2>', headsTable(view), '</section>');

  return printDocument({
    title,
    runningTitle: `Steward · ${meta.pseudonymised ? 'pseudonymised records report' : 'records report'} · ${formatDay(meta.generatedAt)}`,
    css: REPORT_CSS,
    body: body.join('\n'),
  });
}
