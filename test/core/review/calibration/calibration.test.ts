// The format-2 screening and risk model against public example cases (cases.ts): WP248's own
// examples, every modelled item of the ICO's and the CNIL's Art. 35(4) lists, and ordinary
// low-risk uses. The table in content/review/README.md is what these produce
// (`node --import tsx test/core/review/calibration/run.ts` prints it).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES } from './cases';
import { calibrationTable, CONTENT, runAll } from './run';

const results = runAll();

describe('calibration on public example cases', () => {
  it.each(results.map((r) => [r.case.id, r] as const))('%s', (_id, r) => {
    const { expect: want } = r.case;
    const a = r.asAnswered;
    // A case answered completely: nothing left to answer, so the verdict and risk are its own.
    expect(a.answerProblems).toEqual([]);
    expect(want.verdicts).toContain(a.dpia.verdict);
    for (const c of want.criteria ?? []) expect(a.screening.met).toContain(c);
    if (want.listItem) {
      const [list, item] = want.listItem.split(':');
      expect(a.dpia.grounds).toContainEqual(expect.objectContaining({ kind: 'list', list, itemId: item }));
    }
    expect(want.inherent).toContain(a.risk.inherent.level);
    // Accepting every proposed mitigation never raises the risk, and brings every case below high.
    const rank = ['low', 'medium', 'high'];
    expect(rank.indexOf(r.mitigated.risk.residual.level)).toBeLessThanOrEqual(
      rank.indexOf(a.risk.inherent.level),
    );
    expect(r.mitigated.risk.residual.level).not.toBe('high');
  });

  it('ordinary low-risk uses come out low or medium, and need no DPIA', () => {
    const low = results.filter((r) => r.case.group === 'Low-risk use');
    expect(low).toHaveLength(4);
    for (const r of low) {
      expect(['low', 'medium']).toContain(r.asAnswered.risk.inherent.level);
      expect(r.asAnswered.dpia.needed).toBe(false);
    }
  });

  it('WP248 examples: the six "likely" ones call for a DPIA; of the three "not likely", only the physician does (by the CNIL list), and an exemption covers it', () => {
    for (const r of results.filter((x) => x.case.group === 'WP248 likely'))
      expect(r.asAnswered.dpia.needed).toBe(true);
    const notLikely = results.filter((x) => x.case.group === 'WP248 not likely');
    expect(notLikely.filter((r) => r.asAnswered.dpia.needed).map((r) => r.case.id)).toEqual([
      'wp248-physician',
    ]);
    const physician = notLikely.find((r) => r.case.id === 'wp248-physician')!;
    expect(physician.asAnswered.dpia.claim?.basis).toBe('individualProfessional');
  });

  it('high inherent risk is the exception, not the rule', () => {
    const high = results.filter((r) => r.asAnswered.risk.inherent.level === 'high').length;
    expect(high).toBeLessThanOrEqual(Math.ceil(CASES.length / 3));
  });

  it('the table in content/review/README.md is the one these cases give', () => {
    const readme = fs.readFileSync(path.join(CONTENT, 'review', 'README.md'), 'utf8');
    expect(readme).toContain(calibrationTable(results));
    const count = (level: string) => results.filter((r) => r.asAnswered.risk.inherent.level === level).length;
    expect(readme).toContain(
      `Inherent risk is high for ${count('high')} of ${CASES.length} cases (medium ${count('medium')}, low ${count('low')})`,
    );
  });
});
