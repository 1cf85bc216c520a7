// Certificates: one page per completion in the view, each with its entry hash; user text escaped;
// with the real Chromium, a PDF with exactly that many pages, read back with pdfjs.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MatrixRow, RecordsView } from '../../../electron/core/contract/views/records';
import type { TrainingStatus } from '../../../electron/core/contract/views/training';
import { certificateRows, renderCertificatesHtml } from '../../../electron/core/records/certificates';
import { printHtmlToPdf } from '../../../electron/core/records/chromiumPdf';
import { escapeHtml, type PdfMeta } from '../../../electron/core/records/report';
import { pdfPages, squash } from '../../support/pdf';
import { describeWithChromium } from '../../support/withChromium';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const PEOPLE: [string, string][] = [
  ['Zoë Ångström', 'Data Science'],
  ['José Núñez', 'Marketing & Growth'],
  ['Åsa Øberg', 'Platform'],
  ['Chloé Dubois', 'Data Science'],
  ['Łukasz Żółć', 'Marketing & Growth'],
  ['Siobhán Ó Briain', 'Platform'],
  ['Noor Al-Hassan', 'Data Science'],
  ['Renée "><img src=x onerror=alert(1)> Müller', 'Platform <script>alert(2)</script>'],
];
const MODULES = [
  'Foundations of data ethics',
  'Consent & lawful basis',
  'Special-category data',
  'Children’s data',
  'Automated decisions',
  'Data minimisation',
  'Sharing with third parties',
  "Incidents'><svg onload=alert(3)>",
].map((title, i) => ({ id: `m${i + 1}-module`, title, version: `2.${i}` }));

/** Eight people, eight modules; completions on some cells (one on a since-updated version). */
function buildView(): RecordsView {
  const people = PEOPLE.map(([name, team], i) => ({
    id: `p${sha(`person${i}`).slice(0, 20)}`,
    name,
    email: `person${i}@example.org`,
    team,
    enrolled: true,
    source: 'workspace' as const,
    importedFrom: null,
  }));
  const matrix: MatrixRow[] = [];
  people.forEach((p, i) =>
    MODULES.forEach((m, j) => {
      const pick = (i * 5 + j * 3) % 8;
      const status: TrainingStatus =
        pick < 3
          ? 'passed'
          : pick === 3
            ? 'dueSoon'
            : pick === 4
              ? 'updated'
              : pick === 5
                ? 'overdue'
                : 'notStarted';
      const completed = pick <= 4;
      matrix.push({
        personId: p.id,
        name: p.name,
        team: p.team,
        moduleId: m.id,
        moduleTitle: m.title,
        required: j < 5,
        status,
        completedAt: completed ? `2026-0${1 + (j % 9)}-1${i}T10:00:00.000Z` : null,
        completedVersion: completed ? (status === 'updated' ? '0.9.0' : '1.0.0') : null,
        score: completed ? 80 + i + j : null,
        expiresAt: completed ? `2027-0${1 + (j % 9)}-1${i}T10:00:00.000Z` : null,
        dueAt: null,
        attempts: completed ? 1 : 0,
        source: 'workspace',
        entryHash: completed ? sha(`completion ${i} ${j}`) : null,
      });
    }),
  );
  return {
    asOf: '2026-11-29T12:00:00.000Z',
    scope: { kind: 'teams', teams: ['Data Science', 'Platform'] },
    people,
    modules: MODULES,
    teams: [...new Set(people.map((p) => p.team))],
    matrix,
    overdue: [],
    dueSoon: [],
    byTeam: [],
    byModule: [],
    reviews: [],
    reviewOutcomes: [],
    heads: people.map((p, i) => ({ profileId: p.id, entries: 20 + i, headHash: sha(`head ${i}`) })),
    ignored: [],
  };
}

const META: PdfMeta = {
  generatedAt: '2026-11-29T12:34:00.000Z',
  generatedBy: 'Grace Hopper',
  pseudonymised: false,
  appVersion: '0.1.0',
};

describe('renderCertificatesHtml', () => {
  it('makes one page-breaking article per completion, in the matrix order, each with its entry hash', () => {
    const view = buildView();
    const rows = certificateRows(view);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.length).toBeLessThan(view.matrix.length);
    const html = renderCertificatesHtml(view, META);
    const articles = html.split('<article class="certificate">').slice(1);
    expect(articles).toHaveLength(rows.length);
    articles.forEach((article, i) => {
      const row = rows[i]!;
      expect(article).toContain(row.entryHash!);
      expect(article).toContain(escapeHtml(row.name));
      expect(article).toContain(escapeHtml(row.moduleTitle));
      expect(article).toContain(`${row.score}%`);
      const head = view.heads.find((h) => h.profileId === row.personId)!;
      expect(article).toContain(head.headHash!);
    });
    expect(html).toMatch(/\.certificate\{[^}]*break-after:page/);
    expect(html).toContain('@page{size:A4');
  });

  it('shows the version the completion was on, even when the module has been updated since', () => {
    const view = buildView();
    const html = renderCertificatesHtml(view, META);
    const articles = html.split('<article class="certificate">').slice(1);
    const rows = certificateRows(view);
    const updated = rows.findIndex((r) => r.status === 'updated');
    const passed = rows.findIndex((r) => r.status === 'passed');
    expect(updated).toBeGreaterThanOrEqual(0);
    expect(articles[updated]).toContain('<dd>0.9.0</dd>');
    expect(articles[passed]).toContain('<dd>1.0.0</dd>');
  });

  it('escapes names, teams and titles: no live markup anywhere', () => {
    const html = renderCertificatesHtml(buildView(), META);
    expect(html).not.toMatch(/<script|<img|<iframe|<svg onload/i);
    // Every '<' left is one of ours: no tag anywhere carries an event handler.
    for (const [, name, attrs] of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
      expect(attrs, `event handler on <${name}>`).not.toMatch(/\son[a-z]+\s*=/i);
    }
    expect(html).toContain(escapeHtml('Renée "><img src=x onerror=alert(1)> Müller'));
    expect(html).toContain(escapeHtml('Platform <script>alert(2)</script>'));
    expect(html).toContain(escapeHtml("Incidents'><svg onload=alert(3)>"));
  });

  it('says pseudonymised in the title, on every certificate and in its note', () => {
    const view = buildView();
    const plain = renderCertificatesHtml(view, META);
    const pseudo = renderCertificatesHtml(view, { ...META, pseudonymised: true });
    expect(plain).not.toContain('seudonymised');
    expect(pseudo).toContain('<title>Certificates of completion (pseudonymised)</title>');
    expect(pseudo.match(/Certificate of completion · pseudonymised/g)).toHaveLength(
      certificateRows(view).length,
    );
  });

  it('prints a single page saying so when there is no completion', () => {
    const view = buildView();
    const empty = { ...view, matrix: view.matrix.map((r) => ({ ...r, completedAt: null, entryHash: null })) };
    const html = renderCertificatesHtml(empty, META);
    expect(html.match(/<article/g)).toHaveLength(1);
    expect(html).toContain('No completions in these records');
  });
});

const withChromium = describeWithChromium('the certificate PDF tests');

withChromium('certificates printed by Chromium', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'steward-certificates-test-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has exactly one page per completion, each naming the person and carrying its entry hash', async () => {
    const view = buildView();
    const rows = certificateRows(view);
    const out = join(dir, 'certificates.pdf');
    await printHtmlToPdf(renderCertificatesHtml(view, META), out);
    const pages = await pdfPages(out);
    expect(pages).toHaveLength(rows.length);
    pages.forEach((text, i) => {
      const page = squash(text);
      expect(page).toContain(rows[i]!.entryHash!);
      expect(page).toContain(squash(rows[i]!.name));
      expect(page).toContain(squash(rows[i]!.moduleTitle));
      expect(page).toContain(`Page${i + 1}of${pages.length}`);
      // No other certificate's hash leaked onto this page.
      const others = rows.filter((_, k) => k !== i).filter((r) => page.includes(r.entryHash!));
      expect(others).toEqual([]);
    });
  });

  it('puts "pseudonymised" on the paper when the meta says so', async () => {
    const view = buildView();
    const out = join(dir, 'pseudo.pdf');
    await printHtmlToPdf(renderCertificatesHtml(view, { ...META, pseudonymised: true }), out);
    const pages = await pdfPages(out);
    expect(pages).toHaveLength(certificateRows(view).length);
    expect(squash(pages[0]!)).toContain(squash('the name and email above are pseudonyms'));
  });
});
