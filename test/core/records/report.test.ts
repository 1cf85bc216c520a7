// The manager's report: escaping of every piece of user text, the print rules the PDF depends on,
// speed on a large view, and — with the real Chromium — a PDF that pdfjs reads back page by page.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  MatrixRow,
  RateRow,
  RecordsView,
  ReviewRegisterRow,
} from '../../../electron/core/contract/views/records';
import type { TrainingStatus } from '../../../electron/core/contract/views/training';
import { printHtmlToPdf } from '../../../electron/core/records/chromiumPdf';
import { escapeHtml, renderReportHtml, type PdfMeta } from '../../../electron/core/records/report';
import { withCpuTime } from '../../support/cpuTime';
import { pdfPages, squash } from '../../support/pdf';
import { attentionFor } from './fixtures/recordsView';
import { describeWithChromium } from '../../support/withChromium';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const HOSTILE_NAME = 'Mallory <script>alert(1)</script>';
const HOSTILE_TEAM = 'Ops"><img src=x onerror=alert(2)>';
const HOSTILE_TITLE = "Churn model'><svg onload=alert(3)>";
const HOSTILE_CONDITION = '</td></tr></table><iframe src="https://evil.example/">';

const BASE_PEOPLE: [string, string][] = [
  ['Zoë Ångström', 'Data Science'],
  ['José Núñez', 'Marketing & Growth'],
  ['Åsa Øberg', 'Platform'],
  ['Chloé Dubois', 'Data Science'],
  ['Łukasz Żółć', 'Marketing & Growth'],
  ['Siobhán Ó Briain', 'Platform'],
  ['Noor Al-Hassan', 'Data Science'],
  ['Renée Müller', 'Platform'],
];
const MODULES = [
  'Foundations of data ethics',
  'Consent & lawful basis',
  'Special-category data',
  'Children’s data',
  'Automated decisions',
  'Data minimisation',
  'Sharing with third parties',
  'Incidents and breaches',
].map((title, i) => ({ id: `m${i + 1}-module`, title, version: `1.${i}` }));

const STATUS_CYCLE: TrainingStatus[] = [
  'passed',
  'passed',
  'dueSoon',
  'overdue',
  'passed',
  'inProgress',
  'updated',
];

/** A realistic view; `people` beyond the eight named ones are numbered copies (for the size test). */
function buildView(opts: { people?: number; hostile?: boolean } = {}): RecordsView {
  const count = opts.people ?? BASE_PEOPLE.length;
  const people = Array.from({ length: count }, (_, i) => {
    const [name, team] = BASE_PEOPLE[i % BASE_PEOPLE.length]!;
    const n = i < BASE_PEOPLE.length ? name : `${name} ${Math.floor(i / BASE_PEOPLE.length)}`;
    return {
      id: `p${sha(`person${i}`).slice(0, 20)}`,
      name: opts.hostile && i === 1 ? HOSTILE_NAME : n,
      email: `person${i}@example.org`,
      team: opts.hostile && i === 2 ? HOSTILE_TEAM : team,
      enrolled: true,
      source: i === 7 ? ('imported' as const) : ('workspace' as const),
      importedFrom: i === 7 ? { file: 'renee.steward-bundle', at: '2026-10-01T10:00:00.000Z' } : null,
    };
  });
  const matrix: MatrixRow[] = [];
  people.forEach((p, i) => {
    MODULES.forEach((m, j) => {
      const status = STATUS_CYCLE[(i + j) % STATUS_CYCLE.length]!;
      const required = j < 5;
      const completed = status === 'passed' || status === 'dueSoon' || status === 'updated';
      const day = String(1 + ((i * 3 + j) % 27)).padStart(2, '0');
      matrix.push({
        personId: p.id,
        name: p.name,
        team: p.team,
        moduleId: m.id,
        moduleTitle: opts.hostile && j === 3 ? HOSTILE_TITLE : m.title,
        required,
        status: required || status !== 'overdue' ? status : 'notStarted',
        completedAt: completed ? `2026-0${1 + (j % 8)}-${day}T09:30:00.000Z` : null,
        completedVersion: completed ? '1.0.0' : null,
        score: completed ? 70 + ((i + j) % 31) : null,
        expiresAt: completed ? `2027-0${1 + (j % 8)}-${day}T09:30:00.000Z` : null,
        dueAt: required ? `2026-11-${day}T00:00:00.000Z` : null,
        attempts: completed ? 1 + ((i + j) % 3) : (i + j) % 2,
        source: p.source,
        entryHash: completed ? sha(`completion ${i} ${j}`) : null,
      });
    });
  });
  const attention = (status: TrainingStatus) =>
    attentionFor(
      people,
      matrix.filter((r) => r.required && r.status === status),
    );
  const rate = (key: string, label: string, rows: MatrixRow[]): RateRow => {
    const req = rows.filter((r) => r.required);
    return {
      key,
      label,
      required: req.length,
      current: req.filter((r) => r.status === 'passed' || r.status === 'dueSoon').length,
      overdue: req.filter((r) => r.status === 'overdue').length,
    };
  };
  const teams = [...new Set(people.map((p) => p.team))].sort();
  const person = (i: number) => ({ id: people[i]!.id, name: people[i]!.name, team: people[i]!.team });
  const reviews: ReviewRegisterRow[] = [
    ['Churn prediction from support tickets', 'approvedWithConditions', 'approvedWithConditions'],
    ['Marketing lookalike audiences', 'rejected', 'rejected'],
    ['School partnership analytics', 'submitted', null],
    ['Payroll anomaly detection', 'approved', 'approved'],
    ['Location heatmaps for stores', 'changesRequested', null],
  ].map(([title, status, decision], k) => ({
    reviewId: `R-2026-00${k + 1}`,
    title: opts.hostile && k === 0 ? HOSTILE_TITLE : (title as string),
    status: status as ReviewRegisterRow['status'],
    inConflict: false,
    version: 1 + (k % 2),
    submitter: person(k),
    submittedAt: `2026-0${k + 4}-10T08:00:00.000Z`,
    overallRisk: (['high', 'medium', 'high', 'low', 'medium'] as const)[k]!,
    dpiaRequired: k === 0 || k === 2,
    decision: decision as ReviewRegisterRow['decision'],
    decidedAt: decision ? `2026-0${k + 4}-24T15:00:00.000Z` : null,
    reviewer: decision ? person(7) : null,
    conditions:
      k === 0
        ? [
            {
              text: 'Pseudonymise ticket text before training',
              owner: 'José Núñez',
              dueDate: '2026-06-30',
              metAt: '2026-06-02T08:00:00.000Z',
            },
            {
              text: opts.hostile ? HOSTILE_CONDITION : 'Delete raw exports after 30 days',
              owner: 'Åsa Øberg',
              dueDate: '2026-07-15',
              metAt: null,
            },
          ]
        : [],
    reReviewDate: k === 0 ? '2027-04-24' : null,
    daysToDecision: decision ? 14 : null,
    source: 'workspace',
  }));
  return {
    asOf: '2026-11-29T12:00:00.000Z',
    scope: { kind: 'all', teams: [] },
    people,
    modules: MODULES,
    teams,
    matrix,
    overdue: attention('overdue'),
    dueSoon: attention('dueSoon'),
    byTeam: teams.map((t) =>
      rate(
        t,
        t,
        matrix.filter((r) => r.team === t),
      ),
    ),
    byModule: MODULES.map((m) =>
      rate(
        m.id,
        m.title,
        matrix.filter((r) => r.moduleId === m.id),
      ),
    ),
    reviews,
    reviewOutcomes: [
      {
        month: '2026-04',
        approved: 1,
        approvedWithConditions: 2,
        rejected: 0,
        changesRequested: 1,
        medianDaysToDecision: 9,
      },
      {
        month: '2026-05',
        approved: 0,
        approvedWithConditions: 1,
        rejected: 1,
        changesRequested: 0,
        medianDaysToDecision: 14,
      },
      {
        month: '2026-06',
        approved: 3,
        approvedWithConditions: 0,
        rejected: 0,
        changesRequested: 2,
        medianDaysToDecision: null,
      },
      {
        month: '2026-07',
        approved: 1,
        approvedWithConditions: 1,
        rejected: 1,
        changesRequested: 0,
        medianDaysToDecision: 21,
      },
    ],
    heads: people.map((p, i) => ({ profileId: p.id, entries: 10 + i, headHash: sha(`head ${i}`) })),
    ignored: opts.hostile
      ? [
          {
            type: 'review.decided',
            personId: people[0]!.id,
            name: HOSTILE_NAME,
            entryHash: sha('hostile'),
            reason: { code: 'review.ownSubmission' as const, params: { title: HOSTILE_NAME } },
          },
        ]
      : [],
  };
}

const META: PdfMeta = {
  generatedAt: '2026-11-29T12:34:00.000Z',
  generatedBy: 'Grace <b>Hopper</b>',
  pseudonymised: false,
  appVersion: '0.1.0',
};

/** Elements Steward's documents use; anything else in the output came from user text. */
const OUR_TAGS = new Set(
  'html head meta title style body header section div p span b i br h1 h2 h3 figure figcaption svg rect text line path table thead tbody tr th td ul li code article dl dt dd'.split(
    ' ',
  ),
);

function tagsIn(html: string): { name: string; attrs: string }[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: m[2]!,
  }));
}

function assertNoLiveMarkup(html: string): void {
  const tags = tagsIn(html);
  expect(tags.length).toBeGreaterThan(10);
  for (const tag of tags) {
    expect(OUR_TAGS.has(tag.name), `unexpected <${tag.name}>`).toBe(true);
    expect(tag.attrs, `event handler on <${tag.name}>`).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag.attrs).not.toMatch(/\s(src|href)\s*=/i);
  }
  expect(html).not.toMatch(/<script|<img|<iframe|<link|url\(/i);
}

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml('Zoë Ångström')).toBe('Zoë Ångström');
  });
});

describe('renderReportHtml', () => {
  it('escapes every piece of user text: names, teams, titles, conditions, ignored sentences', () => {
    const html = renderReportHtml(buildView({ hostile: true }), META);
    assertNoLiveMarkup(html);
    for (const text of [
      HOSTILE_NAME,
      HOSTILE_TEAM,
      HOSTILE_TITLE,
      HOSTILE_CONDITION,
      'Grace <b>Hopper</b>',
    ]) {
      expect(html).toContain(escapeHtml(text));
      expect(html).not.toContain(text);
    }
  });

  it('is one self-contained print document: A4 @page, page numbers, CSP, no scripts or external loads', () => {
    const html = renderReportHtml(buildView(), META);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/@page\{size:A4;margin:/);
    expect(html).toContain('counter(page)');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('thead{display:table-header-group}');
    expect(html).toMatch(/tr\{break-inside:avoid/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    assertNoLiveMarkup(html);
  });

  it('has the summary, the charts with their tables, the lists, the register and every head', () => {
    const view = buildView();
    const html = renderReportHtml(view, META);
    expect(html).toContain('<h1>Data-ethics training and review records</h1>');
    expect(html).toContain('<b>8</b><span>people</span>');
    const required = view.byTeam.reduce((s, r) => s + r.required, 0);
    const current = view.byTeam.reduce((s, r) => s + r.current, 0);
    expect(html).toContain(`${Math.round((current / required) * 100)}%</b>`);
    expect(html).toContain(`<b>${view.overdue.length}</b><span>people overdue`);
    expect(html).toContain('Approved with conditions: 1');
    // Two bar charts (teams, modules) and the stacked months, each with a title for readers.
    expect(html.match(/<svg viewBox="[^"]*" role="img"/g)?.length).toBe(3);
    expect(html.match(/The same in figures/g)?.length).toBe(3);
    expect(html).toContain('<h2>Overdue</h2>');
    expect(html).toContain('Marketing &amp; Growth');
    expect(html).toContain('Pseudonymise ticket text before training');
    for (const head of view.heads) {
      expect(html).toContain(head.headHash!);
      expect(html).toContain(head.profileId);
    }
    expect(html.indexOf('Made from these ledgers')).toBeGreaterThan(html.indexOf('Reviews register'));
    expect(html).toContain('Made 29 Nov 2026, 12:34 UTC');
  });

  it('marks a review whose events are in conflict in the register, and only that one', () => {
    const view = buildView();
    view.reviews[1] = { ...view.reviews[1]!, inConflict: true };
    const html = renderReportHtml(view, META);
    expect(html.match(/In conflict:/g)).toHaveLength(1);
    const row = html.slice(html.indexOf(escapeHtml(view.reviews[1]!.title)));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('In conflict:');
    expect(renderReportHtml(buildView(), META)).not.toContain('In conflict:');
  });

  it('says so in the heading and a note when the view is pseudonymised', () => {
    const plain = renderReportHtml(buildView(), META);
    const pseudo = renderReportHtml(buildView(), { ...META, pseudonymised: true });
    expect(plain).not.toContain('pseudonymised');
    expect(pseudo).toContain('<h1>Data-ethics training and review records (pseudonymised)</h1>');
    expect(pseudo).toContain('Pseudonymised: names and email addresses are replaced');
  });

  it('cuts long charts into several figures so none runs off a page', () => {
    const view = buildView();
    const many = Array.from({ length: 60 }, (_, i) => ({
      key: `t${i}`,
      label: `Team ${i}`,
      required: 4,
      current: i % 5,
      overdue: 0,
    }));
    const html = renderReportHtml({ ...view, byTeam: many }, META);
    expect(html).toContain('(1–28 of 60)');
    expect(html).toContain('(57–60 of 60)');
  });

  it('renders a 10,000-row matrix in well under a second', () => {
    const view = buildView({ people: 1250 });
    expect(view.matrix).toHaveLength(10_000);
    renderReportHtml(view, META); // warm up the JIT once
    const { result: html, cpuMs } = withCpuTime(() => renderReportHtml(view, META));
    expect(html.match(/<tr>/g)!.length).toBeGreaterThan(10_000);
    expect(cpuMs).toBeLessThan(500);
  });
});

// ---- the real thing: Chromium prints it, pdfjs reads it back ------------------------------------

const withChromium = describeWithChromium('the report PDF tests');

withChromium('the report printed by Chromium', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-report-test-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a multi-page PDF whose every page has text, with the names, the heads and page numbers', async () => {
    const view = buildView({ hostile: true });
    const out = join(dir, 'report.pdf');
    const { bytes } = await printHtmlToPdf(renderReportHtml(view, META), out);
    const pdf = readFileSync(out);
    expect(bytes).toBe(pdf.length);
    // A4 (595 x 842 pt), from the document's own @page rule; the title from its <title>.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
    expect(pdf.toString('latin1')).not.toMatch(/\/MediaBox \[0 0 612 792\]/);
    expect(pdf.toString('latin1')).toContain('/Title (Data-ethics training and review records)');
    const pages = await pdfPages(out);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text.trim(), `page ${i + 1} is empty`).not.toBe('');
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const all = squash(pages.join('\n'));
    expect(all).toContain(squash('Data-ethics training and review records'));
    expect(all).toContain(squash('Zoë Ångström'));
    expect(all).toContain(squash('Łukasz Żółć'));
    // Hostile text arrives on paper as the characters typed, not as markup.
    expect(all).toContain(squash(HOSTILE_NAME));
    expect(all).toContain(squash(HOSTILE_CONDITION));
    for (const head of view.heads) expect(all).toContain(head.headHash!);
    expect(readdirSync(dir)).toEqual(['report.pdf']);
  });

  it('runs no script even if one slipped into the page (the CSP holds)', async () => {
    const html = renderReportHtml(buildView(), META).replace(
      '<body>',
      '<body><script>document.write("SCRIPT RAN")</script>',
    );
    const out = join(dir, 'report.pdf');
    await printHtmlToPdf(html, out);
    const pages = await pdfPages(out);
    expect(pages.join('')).toContain('Data-ethics training');
    expect(pages.join('')).not.toContain('SCRIPT RAN');
  });

  it('puts the pseudonymised heading on paper', async () => {
    const out = join(dir, 'pseudo.pdf');
    await printHtmlToPdf(renderReportHtml(buildView(), { ...META, pseudonymised: true }), out);
    const first = squash((await pdfPages(out))[0]!);
    expect(first).toContain(squash('Data-ethics training and review records (pseudonymised)'));
  });
});
