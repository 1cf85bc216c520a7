// Validation of the questionnaire file on real temp files: one spec per kind of mistake, each
// naming the file, the field and (where it can be placed) the line; and the real content file
// loading clean.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QUESTIONNAIRE_FILE } from '../../../electron/core/review/questionnaire';
import type { QuestionnaireProblem } from '../../../electron/core/review/questionnaire';
import { SCREENING_CRITERIA } from '../../../electron/core/review/model';
import { cleanupTempDirs, loadText, questionAt, REAL_CONTENT, smallText, tempDir } from './fixtures';
import { loadQuestionnaire, loadQuestionnaireVersions } from '../../../electron/core/review/questionnaire';

afterEach(cleanupTempDirs);

function problemsOf(mutate: (q: Record<string, unknown>) => void): QuestionnaireProblem[] {
  const result = loadText(smallText(mutate));
  expect(result.questionnaire).toBeNull();
  for (const p of result.problems) expect(p.file).toBe(QUESTIONNAIRE_FILE);
  return result.problems;
}

function onlyProblem(mutate: (q: Record<string, unknown>) => void): QuestionnaireProblem {
  const problems = problemsOf(mutate);
  expect(problems).toHaveLength(1);
  return problems[0] as QuestionnaireProblem;
}

describe('the real questionnaire', () => {
  it('content/review/data-use-review.yaml loads with zero problems, as format 2 with the ICO and CNIL lists', () => {
    const result = loadQuestionnaire(REAL_CONTENT);
    expect(result.problems).toEqual([]);
    const q = result.questionnaire;
    expect(q).not.toBeNull();
    expect(q?.format).toBe(2);
    const sections = q?.sections.map((s) => s.id);
    expect(sections).toEqual([
      'proposal',
      'dataInventory',
      'treatment',
      'screening',
      'dpiaRoute',
      'purpose',
      'lawfulBasis',
      'transparency',
      'sharing',
      'peopleControl',
      'fairness',
      'securityRetention',
      'governance',
      'dpiaDescription',
      'dpiaNecessity',
      'dpiaRisks',
      'dpiaMeasures',
      'dpiaConsultation',
    ]);
    expect(q?.sections.filter((s) => s.part === 'dpia').map((s) => s.id)).toEqual(sections?.slice(13));
    const screening = q?.sections.find((s) => s.id === 'screening')?.questions.map((x) => x.screening);
    expect(screening).toEqual([...SCREENING_CRITERIA]);
    expect(q?.dpiaLists.map((l) => l.id)).toEqual(['ico', 'cnil']);
    for (const m of q?.mitigations ?? []) {
      expect(m.reason.trim()).not.toBe('');
      expect(m.reference.trim()).not.toBe('');
    }
    // The hash covers the file and the lists it selects: both decide the assessment.
    const read = (...p: string[]): Buffer => fs.readFileSync(path.join(REAL_CONTENT, 'review', ...p));
    const hash = createHash('sha256').update(read('data-use-review.yaml'));
    for (const id of ['ico', 'cnil']) {
      hash.update(`\n--- review/dpia-lists/${id}.yaml\n`).update(read('dpia-lists', `${id}.yaml`));
    }
    expect(q?.contentHash).toBe(hash.digest('hex'));
  });

  it('every kept version loads, in the folder named after it', () => {
    const versions = loadQuestionnaireVersions(REAL_CONTENT);
    expect(versions.problems).toEqual([]);
    expect(versions.questionnaires.map((v) => [v.version, v.format])).toEqual([['1.0.0', 1]]);
  });

  it('uses every question type the engine supports', () => {
    const q = loadQuestionnaire(REAL_CONTENT).questionnaire;
    const types = new Set(q?.sections.flatMap((s) => s.questions.map((x) => x.type)));
    expect([...types].sort()).toEqual(['date', 'multi', 'scale', 'single', 'text', 'yesNoUnsure']);
  });
});

describe('a good small questionnaire', () => {
  it('loads with every type and rule kind', () => {
    const result = loadText(smallText());
    expect(result.problems).toEqual([]);
    expect(result.questionnaire?.sections.flatMap((s) => s.questions).length).toBe(27);
  });
});

describe('bad files', () => {
  it('a missing file is one problem for the whole file', () => {
    const result = loadQuestionnaire(tempDir());
    expect(result).toEqual({
      questionnaire: null,
      problems: [{ file: QUESTIONNAIRE_FILE, field: null, reason: 'the file is missing' }],
    });
  });

  it('bad YAML syntax names the line', () => {
    const text = smallText().replace('title: Test review', 'title: [Test review');
    const result = loadText(text);
    expect(result.questionnaire).toBeNull();
    expect(result.problems.length).toBeGreaterThan(0);
    const first = result.problems[0];
    expect(first?.file).toBe(QUESTIONNAIRE_FILE);
    expect(first?.field).toBeNull();
    expect(first?.reason).toMatch(/YAML cannot be read.*\(line \d+\)/);
  });

  it('an unknown field is refused with its path and line', () => {
    const text = smallText((q) => {
      questionAt(q, 0, 2).optoins = [];
    });
    const result = loadText(text);
    expect(result.questionnaire).toBeNull();
    expect(result.problems).toHaveLength(1);
    const p = result.problems[0];
    expect(p?.field).toBe('sections[0].questions[2].optoins');
    const line = text.split('\n').findIndex((l) => l.includes('optoins')) + 1;
    expect(p?.reason).toContain(`(line ${line})`);
    expect(p?.reason).toMatch(/not a known field/);
  });

  it('an unknown field in a rule is refused (and the rule left without an operator is named)', () => {
    const problems = problemsOf((q) => {
      questionAt(q, 2, 0).showIf = { question: 'kind', equal: 'b' };
    });
    expect(problemsFields(problems)).toEqual([
      'sections[2].questions[0].showIf.equal',
      'sections[2].questions[0].showIf',
    ]);
    expect(problems[0]?.reason).toMatch(/not a known field/);
    expect(problems[1]?.reason).toMatch(/found none/);
  });

  it('a rule with two operators is refused', () => {
    const p = onlyProblem((q) => {
      questionAt(q, 2, 0).showIf = { question: 'kind', equals: 'b', in: ['a'] };
    });
    expect(p.field).toBe('sections[2].questions[0].showIf');
    expect(p.reason).toMatch(/exactly one of equals, in, includes, or gte\/lte/);
  });

  it('a duplicate question id names the second one and where the first is', () => {
    const p = onlyProblem((q) => {
      questionAt(q, 2, 1).id = 'kind';
    });
    expect(p.field).toBe('sections[2].questions[1].id');
    expect(p.reason).toMatch(/duplicate question id "kind" \(first at sections\[0\]\.questions\[2\]\)/);
  });

  it('duplicate option, flag, mitigation and section ids are refused', () => {
    const problems = problemsOf((q) => {
      const kind = questionAt(q, 0, 2) as { options: { id: string }[] };
      (kind.options[1] as { id: string }).id = 'a';
      (q.flags as { id: string }[])[1] = { ...(q.flags as object[])[1], id: 'blockC' } as { id: string };
      (q.mitigations as { id: string }[])[1] = { ...(q.mitigations as object[])[1], id: 'fixC' } as {
        id: string;
      };
      (q.sections as { id: string }[])[1] = { ...(q.sections as object[])[1], id: 'basics' } as {
        id: string;
      };
    });
    const fields = problemsFields(problems);
    expect(fields).toEqual(
      expect.arrayContaining([
        'sections[0].questions[2].options[1].id',
        'flags[1].id',
        'mitigations[1].id',
        'sections[1].id',
      ]),
    );
  });

  it('a showIf referring to a later question is refused', () => {
    const p = onlyProblem((q) => {
      questionAt(q, 2, 0).showIf = { question: 'chained', equals: 'yes' };
    });
    expect(p.field).toBe('sections[2].questions[0].showIf');
    expect(p.reason).toMatch(/"chained", which does not come before this question/);
  });

  it('a showIf referring to the question itself is refused', () => {
    const p = onlyProblem((q) => {
      questionAt(q, 2, 0).showIf = { question: 'ifEquals', equals: 'yes' };
    });
    expect(p.reason).toMatch(/does not come before/);
  });

  it('a showIf referring to an unknown question names the leaf inside all/any/not', () => {
    const p = onlyProblem((q) => {
      questionAt(q, 2, 6).showIf = {
        all: [{ question: 'kind', equals: 'b' }, { not: { question: 'nope', equals: 'x' } }],
      };
    });
    expect(p.field).toBe('sections[2].questions[6].showIf.all[1].not');
    expect(p.reason).toMatch(/unknown question "nope"/);
  });

  it('an unknown option in a rule is refused (single equals, multi includes, flag when)', () => {
    const problems = problemsOf((q) => {
      questionAt(q, 2, 0).showIf = { question: 'kind', equals: 'z' };
      questionAt(q, 2, 2).showIf = { question: 'channels', includes: 'fax' };
      (q.flags as { when: unknown }[])[0] = {
        ...(q.flags as object[])[0],
        when: { question: 'kind', in: ['a', 'q'] },
      } as {
        when: unknown;
      };
    });
    expect(problems.map((p) => [p.field, p.reason.replace(/ \(line \d+\)$/, '')])).toEqual([
      ['sections[2].questions[0].showIf', '"kind" has no option "z" (options: a, b, c)'],
      ['sections[2].questions[2].showIf', '"channels" has no option "fax" (options: none, email, sms, post)'],
      ['flags[0].when', '"kind" has no option "q" (options: a, b, c)'],
    ]);
  });

  it('rule operators that do not fit the question type are refused', () => {
    const problems = problemsOf((q) => {
      questionAt(q, 2, 0).showIf = { question: 'channels', equals: 'email' };
      questionAt(q, 2, 1).showIf = { question: 'kind', gte: 2 };
      questionAt(q, 2, 2).showIf = { question: 'sensitive', equals: 'maybe' };
    });
    expect(problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/use includes for multi questions/),
      expect.stringMatching(/gte\/lte only work on scale and number questions/),
      expect.stringMatching(/answered yes, no or unsure, not "maybe"/),
    ]);
  });

  it('a flag clearedBy an unknown mitigation is refused', () => {
    const p = onlyProblem((q) => {
      (q.flags as Record<string, unknown>[])[0] = {
        ...(q.flags as object[])[0],
        clearedBy: { mitigation: 'ghost' },
      };
    });
    expect(p.field).toBe('flags[0].clearedBy.mitigation');
    expect(p.reason).toMatch(/unknown mitigation "ghost"/);
  });

  it('a mitigation whose when refers to an unknown question is refused', () => {
    const p = onlyProblem((q) => {
      (q.mitigations as Record<string, unknown>[])[0] = {
        ...(q.mitigations as object[])[0],
        when: { any: [{ question: 'ghost', equals: 'yes' }] },
      };
    });
    expect(p.field).toBe('mitigations[0].when.any[0]');
  });

  it('a missing screening criterion is refused, naming it', () => {
    const p = onlyProblem((q) => {
      delete questionAt(q, 1, 4).screening;
    });
    expect(p.field).toBe('sections');
    expect(p.reason).toMatch(/no question is tagged screening: largeScale/);
  });

  it('a criterion asked twice is refused at the second question', () => {
    const problems = problemsOf((q) => {
      questionAt(q, 1, 4).screening = 'evaluationOrScoring';
    });
    expect(problems.map((p) => p.field)).toEqual(['sections[1].questions[4].screening', 'sections']);
    expect(problems[0]?.reason).toMatch(/already covered by sections\[1\]\.questions\[0\]/);
  });

  it('a screening question must be yes/no/unsure', () => {
    const p = onlyProblem((q) => {
      Object.assign(questionAt(q, 1, 0), { type: 'text' });
    });
    expect(p.field).toBe('sections[1].questions[0].screening');
  });

  it('a weight out of range is refused', () => {
    const p = onlyProblem((q) => {
      const kind = questionAt(q, 0, 2) as { options: { weights?: { severity: number }[] }[] };
      const w = kind.options[1]?.weights?.[0];
      if (w) w.severity = 4;
    });
    expect(p.field).toBe('sections[0].questions[2].options[1].weights[0].severity');
    expect(p.reason).toMatch(/<=3/);
  });

  it('a dimension weighted twice in one list is refused', () => {
    const p = onlyProblem((q) => {
      const kind = questionAt(q, 0, 2) as { options: { weights?: { dimension: string }[] }[] };
      const w = kind.options[2]?.weights?.[1];
      if (w) w.dimension = 'privacy';
    });
    expect(p.field).toBe('sections[0].questions[2].options[2].weights[1].dimension');
  });

  it('an unknown dimension or question type is refused', () => {
    const problems = problemsOf((q) => {
      const kind = questionAt(q, 0, 2) as { options: { weights?: { dimension: string }[] }[] };
      const w = kind.options[1]?.weights?.[0];
      if (w) w.dimension = 'karma';
      questionAt(q, 0, 0).type = 'essay';
    });
    expect(problemsFields(problems).sort()).toEqual([
      'sections[0].questions[0].type',
      'sections[0].questions[2].options[1].weights[0].dimension',
    ]);
  });

  it('scale labels must match the points and bands must lie in range', () => {
    const problems = problemsOf((q) => {
      Object.assign(questionAt(q, 0, 5), { scale: { min: 1, max: 5, labels: ['a', 'b'] } });
      Object.assign(questionAt(q, 0, 4), {
        weightBands: [{ gte: 2000, weights: [{ dimension: 'security', likelihood: 1, severity: 1 }] }],
      });
    });
    expect(problemsFields(problems)).toEqual([
      'sections[0].questions[4].weightBands[0]',
      'sections[0].questions[5].scale.labels',
    ]);
  });

  it('exclusive only applies to multi options', () => {
    const p = onlyProblem((q) => {
      const kind = questionAt(q, 0, 2) as { options: { exclusive?: boolean }[] };
      if (kind.options[0]) kind.options[0].exclusive = true;
    });
    expect(p.field).toBe('sections[0].questions[2].options[0].exclusive');
  });

  it('bindings are type-checked, single, and a title binding is required', () => {
    const problems = problemsOf((q) => {
      questionAt(q, 0, 1).bind = 'owner';
      delete questionAt(q, 0, 0).bind;
    });
    expect(problems.map((p) => [p.field, p.reason.replace(/ \(line \d+\)$/, '')])).toEqual([
      ['sections[0].questions[1].bind', 'bind: owner needs a text question, not date'],
      ['sections', 'one text question must have bind: title (the review is listed by it)'],
    ]);
  });

  it('dpiaRequired in a showIf before the screening is finished is refused', () => {
    const p = onlyProblem((q) => {
      questionAt(q, 0, 1).showIf = { dpiaRequired: true };
    });
    expect(p.field).toBe('sections[0].questions[1].showIf');
    expect(p.reason).toMatch(/after every screening question/);
  });

  it('level thresholds must be ordered', () => {
    const p = onlyProblem((q) => {
      q.outcome = { levels: { medium: 6, high: 3 } };
    });
    expect(p.field).toBe('outcome.levels');
  });

  it('a missing required field is named', () => {
    const p = onlyProblem((q) => {
      delete q.version;
    });
    expect(p).toEqual({ file: QUESTIONNAIRE_FILE, field: 'version', reason: 'is required but missing' });
  });
});

function problemsFields(problems: QuestionnaireProblem[]): (string | null)[] {
  return problems.map((p) => p.field);
}
