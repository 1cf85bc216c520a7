// Training: the learner's catalogue, the module open in the reader, the knowledge check and its
// result, and the last certificate. Everything here is a copy of what core derived from the
// ledger; nothing is decided in the renderer (status, grading and expiry all come from core).
// Replies that arrive after the learner moved on to another module are dropped, so a slow call
// can never paint one module's data on another's screen.
import type { StateCreator } from 'zustand';
import type {
  Certificate,
  ModuleCard,
  ModuleContent,
  QuizResult,
  QuizView,
  TrainingCatalogue,
} from '../../electron/core/contract/views/training';
import { api } from '../api';
import { createTracker } from './requests';
import type { StewardState } from './store';

/** Chosen option ids per question id: the shape submitQuizAttempt takes. */
export type QuizAnswers = Record<string, string[]>;

export interface TrainingSlice {
  catalogue: TrainingCatalogue | null;
  /** The module open in the reader; its attestation is the statement the learner signs. */
  openModule: ModuleContent | null;
  /** The current attempt's questions (options in this attempt's order). */
  quiz: QuizView | null;
  /** The graded attempt, shown until the learner tries again or moves on. */
  quizResult: QuizResult | null;
  certificate: Certificate | null;

  loadCatalogue: () => Promise<TrainingCatalogue | null>;
  /** Opens a module for reading (core records training.started the first time). */
  openTrainingModule: (moduleId: string) => Promise<ModuleContent | null>;
  saveReadingProgress: (moduleId: string, section: number) => Promise<boolean>;
  /**
   * A fresh attempt: core draws other variants of the questions and reshuffles the options, so a
   * retry always calls this (reopening the same attempt gets the same questions). The last
   * result stays up until the new questions arrive, unless `discardResult` drops it at once.
   */
  loadQuiz: (moduleId: string, options?: { discardResult?: boolean }) => Promise<QuizView | null>;
  submitQuiz: (answers: QuizAnswers) => Promise<QuizResult | null>;
  attestModule: (moduleId: string, contentHash: string) => Promise<Certificate | null>;
  loadCertificate: (entryHash: string) => Promise<Certificate | null>;
  resetTraining: () => void;
}

const EMPTY = {
  catalogue: null,
  openModule: null,
  quiz: null,
  quizResult: null,
  certificate: null,
} satisfies Partial<TrainingSlice>;

/**
 * A selector: the card for a module from whatever is loaded (the catalogue is fresher than the
 * reader's copy), or null when neither has it.
 */
export function selectModuleCard(moduleId: string | null) {
  return (state: Pick<TrainingSlice, 'catalogue' | 'openModule'>): ModuleCard | null => {
    if (moduleId === null) return null;
    const listed = state.catalogue?.modules.find((card) => card.id === moduleId);
    if (listed) return listed;
    return state.openModule?.card.id === moduleId ? state.openModule.card : null;
  };
}

export const createTrainingSlice: StateCreator<StewardState, [], [], TrainingSlice> = (set, get) => {
  const track = createTracker(set);

  // Which module the learner is on now; a reply for another one is stale and dropped.
  let wantedModule: string | null = null;
  let wantedCertificate: string | null = null;

  return {
    ...EMPTY,

    loadCatalogue: () =>
      track('listTrainingModules', async () => {
        const catalogue = await api().listTrainingModules();
        set({ catalogue });
        return catalogue;
      }),

    openTrainingModule: (moduleId) => {
      wantedModule = moduleId;
      return track('startTrainingModule', async () => {
        const content = await api().startTrainingModule({ moduleId });
        if (wantedModule === moduleId) set({ openModule: content });
        return content;
      });
    },

    saveReadingProgress: async (moduleId, section) => {
      const saved = await track('saveReadingProgress', () =>
        api().saveReadingProgress({ moduleId, section }),
      );
      if (saved === null) return false;
      // Keep the open module's position in step, so returning to it resumes here without a reload.
      const open = get().openModule;
      if (open !== null && open.card.id === moduleId) {
        const sections = open.card.progress?.sections ?? open.sections.length;
        set({ openModule: { ...open, card: { ...open.card, progress: { section, sections } } } });
      }
      return true;
    },

    loadQuiz: (moduleId, options = {}) => {
      wantedModule = moduleId;
      if (options.discardResult) set({ quizResult: null });
      return track('getQuiz', async () => {
        const quiz = await api().getQuiz({ moduleId });
        if (wantedModule === moduleId) {
          set({ quiz, quizResult: null });
          // An error from submitting the previous attempt says nothing about this one.
          get().clearRequest('submitQuizAttempt');
        }
        return quiz;
      });
    },

    submitQuiz: async (answers) => {
      const quiz = get().quiz;
      if (quiz === null) return null;
      return track('submitQuizAttempt', async () => {
        const result = await api().submitQuizAttempt({
          moduleId: quiz.moduleId,
          contentHash: quiz.contentHash,
          answers,
        });
        if (wantedModule === quiz.moduleId) set({ quizResult: result });
        return result;
      });
    },

    attestModule: (moduleId, contentHash) =>
      track('attestTrainingModule', async () => {
        const certificate = await api().attestTrainingModule({ moduleId, contentHash, confirmed: true });
        wantedCertificate = certificate.entryHash;
        // The catalogue and the open module are now out of date; the next screen reloads them.
        set({ certificate, catalogue: null, quiz: null, quizResult: null });
        return certificate;
      }),

    loadCertificate: (entryHash) => {
      wantedCertificate = entryHash;
      return track('getCertificate', async () => {
        const certificate = await api().getCertificate({ entryHash });
        if (wantedCertificate === entryHash) set({ certificate });
        return certificate;
      });
    },

    resetTraining: () => {
      wantedModule = null;
      wantedCertificate = null;
      set({ ...EMPTY });
    },
  };
};
