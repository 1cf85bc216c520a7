// In-memory training for the fake bridge: modules with sections and a quiz whose answers the fake
// knows (the real core keeps them out of QuizView too), reading progress, attempts with options
// reshuffled per attempt, grading, attestation and certificates. Just enough behaviour for the
// screens to be driven end to end in jsdom; the rules themselves are core's and tested there.
import type {
  Certificate,
  ContentProblem,
  ModuleCard,
  ModuleContent,
  ModuleSection,
  QuizResult,
  QuizView,
  TrainingCatalogue,
} from '../../electron/core/contract/views/training';
import type { ErrorPayload } from '../../electron/core/errors';

export interface FakeQuestion {
  id: string;
  type: 'single' | 'multiple';
  prompt: string;
  options: { id: string; text: string; correct?: boolean }[];
  explanation: string;
  reference: string | null;
}

export interface FakeModule {
  card: ModuleCard;
  sections: ModuleSection[];
  attestation: string;
  questions: FakeQuestion[];
}

export interface FakeTrainingState {
  modules: FakeModule[];
  unavailable: ContentProblem[];
  certificates: Record<string, Certificate>;
  asOf: string;
  /** Who the certificates name. */
  learner: { name: string; email: string; team: string; fingerprint: string };
}

const hex = (seed: number, length = 64) => {
  let out = '';
  let value = seed * 2654435761;
  while (out.length < length) {
    value = (value * 1103515245 + 12345) % 2 ** 31;
    out += value.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
};

let seed = 1;
export function fakeHash(): string {
  seed += 1;
  return hex(seed);
}

export function makeQuestions(count = 6): FakeQuestion[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const multiple = n % 3 === 0;
    return {
      id: `q${n}`,
      type: multiple ? 'multiple' : 'single',
      prompt: `Scenario ${n}: a retailer wants to reuse loyalty-card data. What should happen?`,
      options: multiple
        ? [
            { id: 'a', text: `Q${n} right one`, correct: true },
            { id: 'b', text: `Q${n} wrong one` },
            { id: 'c', text: `Q${n} right two`, correct: true },
            { id: 'd', text: `Q${n} wrong two` },
          ]
        : [
            { id: 'a', text: `Q${n} wrong one` },
            { id: 'b', text: `Q${n} right`, correct: true },
            { id: 'c', text: `Q${n} wrong two` },
          ],
      explanation: `Explanation for question ${n}.`,
      reference: n % 2 === 0 ? `GDPR Art. ${n}` : null,
    };
  });
}

export function makeSections(count = 4): ModuleSection[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `s${index + 1}`,
    title: index === count - 1 ? 'Key takeaways' : `Section title ${index + 1}`,
    markdown: `Body of section ${index + 1}.\n\n- a point\n- another point`,
  }));
}

export function makeModule(
  overrides: Partial<ModuleCard> = {},
  parts: Partial<Omit<FakeModule, 'card'>> = {},
): FakeModule {
  const sections = parts.sections ?? makeSections();
  const id = overrides.id ?? `module-${seed + 1}`;
  return {
    card: {
      id,
      title: `Module ${id}`,
      summary: `What ${id} is about.`,
      minutes: 10,
      version: '1.0.0',
      contentHash: fakeHash(),
      audience: ['everyone'],
      required: false,
      status: 'notStarted',
      passMark: 80,
      recertifyMonths: 12,
      dueAt: null,
      lastCompletion: null,
      progress: null,
      attempts: 0,
      readyToAttest: false,
      contentLocale: 'en',
      update: null,
      ...overrides,
    },
    sections,
    attestation: parts.attestation ?? `I will apply what ${id} teaches when I handle customer data.`,
    questions: parts.questions ?? makeQuestions(),
  };
}

/** The correct option ids per question: what a test answers to pass. */
export function correctAnswers(module: FakeModule): Record<string, string[]> {
  return Object.fromEntries(
    module.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]),
  );
}

/** A wrong option per question: what a test answers to fail. */
export function wrongAnswers(module: FakeModule): Record<string, string[]> {
  return Object.fromEntries(module.questions.map((q) => [q.id, [q.options.find((o) => !o.correct)!.id]]));
}

function refuse(code: string, message: string): never {
  throw { code, message } as ErrorPayload;
}

/** Rotates the options by the attempt number: a visible, deterministic "reshuffle". */
function shuffleFor(options: FakeQuestion['options'], attempt: number) {
  const shift = (attempt - 1) % options.length;
  return [...options.slice(shift), ...options.slice(0, shift)].map(({ id, text }) => ({ id, text }));
}

export function createFakeTraining(state: FakeTrainingState) {
  const find = (moduleId: string): FakeModule => {
    const found = state.modules.find((m) => m.card.id === moduleId);
    if (!found) refuse('NOT_FOUND', `There is no module "${moduleId}".`);
    return found;
  };

  return {
    listTrainingModules: (): TrainingCatalogue => ({
      modules: state.modules.map((m) => structuredClone(m.card)),
      unavailable: [...state.unavailable],
      dueSoonDays: 30,
      asOf: state.asOf,
    }),

    startTrainingModule: ({ moduleId }: { moduleId: string }): ModuleContent => {
      const module = find(moduleId);
      if (module.card.progress === null) {
        module.card.progress = { section: 0, sections: module.sections.length };
        if (module.card.status === 'notStarted') module.card.status = 'inProgress';
      }
      return {
        card: structuredClone(module.card),
        sections: module.sections,
        attestation: module.attestation,
        questionCount: module.questions.length,
      };
    },

    saveReadingProgress: ({ moduleId, section }: { moduleId: string; section: number }) => {
      const module = find(moduleId);
      module.card.progress = { section, sections: module.sections.length };
      return { section };
    },

    getQuiz: ({ moduleId }: { moduleId: string }): QuizView => {
      const module = find(moduleId);
      const attempt = module.card.attempts + 1;
      return {
        moduleId,
        contentHash: module.card.contentHash,
        attempt,
        passMark: module.card.passMark,
        questions: module.questions.map((q) => ({
          id: q.id,
          type: q.type,
          prompt: q.prompt,
          options: shuffleFor(q.options, attempt),
        })),
      };
    },

    submitQuizAttempt: (args: {
      moduleId: string;
      contentHash: string;
      answers: Record<string, string[]>;
    }): QuizResult => {
      const module = find(args.moduleId);
      if (args.contentHash !== module.card.contentHash) {
        refuse('CONTENT_CHANGED', 'This module has changed since the questions were loaded.');
      }
      module.card.attempts += 1;
      const questions = module.questions.map((q) => {
        const correct = q.options.filter((o) => o.correct).map((o) => o.id);
        const chosen = args.answers[q.id] ?? [];
        const isCorrect = chosen.length === correct.length && correct.every((id) => chosen.includes(id));
        return {
          id: q.id,
          prompt: q.prompt,
          type: q.type,
          options: q.options.map(({ id, text }) => ({ id, text })),
          chosen,
          isCorrect,
          wrongChoices: isCorrect
            ? []
            : chosen.filter((id) => !correct.includes(id)).map((id) => ({ id, feedback: null })),
          hint: null,
          answer: { correct, explanation: q.explanation, reference: q.reference },
        };
      });
      const correctCount = questions.filter((q) => q.isCorrect).length;
      const score = Math.round((correctCount / questions.length) * 100);
      const passed = score >= module.card.passMark;
      // As core with revealAnswers: afterPass.
      if (!passed) for (const q of questions) q.answer = null as never;
      if (passed) module.card.readyToAttest = true;
      return {
        moduleId: args.moduleId,
        attempt: module.card.attempts,
        score,
        correctCount,
        total: questions.length,
        passMark: module.card.passMark,
        passed,
        revealed: passed,
        questions,
        entryHash: fakeHash(),
      };
    },

    attestTrainingModule: (args: { moduleId: string; contentHash: string; confirmed: true }): Certificate => {
      const module = find(args.moduleId);
      if (!module.card.readyToAttest) refuse('NOT_ALLOWED', 'Pass the knowledge check before attesting.');
      if (args.contentHash !== module.card.contentHash) {
        refuse('CONTENT_CHANGED', 'This module has changed since you passed its knowledge check.');
      }
      const completedAt = state.asOf;
      const expires = new Date(completedAt);
      expires.setUTCMonth(expires.getUTCMonth() + module.card.recertifyMonths);
      const entryHash = fakeHash();
      const certificate: Certificate = {
        name: state.learner.name,
        email: state.learner.email,
        team: state.learner.team,
        moduleId: module.card.id,
        moduleTitle: module.card.title,
        version: module.card.version,
        contentHash: module.card.contentHash,
        completedAt,
        score: 100,
        expiresAt: expires.toISOString(),
        entryHash,
        seq: 7,
        ledgerFile: 'ledgers/p0001.jsonl',
        signerFingerprint: state.learner.fingerprint,
        verified: true,
      };
      state.certificates[entryHash] = certificate;
      module.card = {
        ...module.card,
        status: 'passed',
        readyToAttest: false,
        attempts: 0,
        lastCompletion: {
          completedAt,
          expiresAt: certificate.expiresAt,
          score: certificate.score,
          version: module.card.version,
          contentHash: module.card.contentHash,
          entryHash,
        },
      };
      return certificate;
    },

    getCertificate: ({ entryHash }: { entryHash: string }): Certificate => {
      const certificate = state.certificates[entryHash];
      if (!certificate) refuse('NOT_FOUND', 'There is no completion with that entry hash.');
      return certificate;
    },
  };
}
