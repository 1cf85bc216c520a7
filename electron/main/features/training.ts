// Training: the catalogue with each module's status, reading, the knowledge check, attestation
// and certificates. Every rule lives in core; this only carries the calls.
import type { Services } from '../../core/contract';
import type { Handle } from '../ipc';

export function registerTrainingFeature(handle: Handle, services: Services): void {
  handle('listTrainingModules', (args) => services.listTrainingModules(args));
  handle('startTrainingModule', (args) => services.startTrainingModule(args));
  handle('saveReadingProgress', (args) => services.saveReadingProgress(args));
  handle('getQuiz', (args) => services.getQuiz(args));
  handle('submitQuizAttempt', (args) => services.submitQuizAttempt(args));
  handle('attestTrainingModule', (args) => services.attestTrainingModule(args));
  handle('getCertificate', (args) => services.getCertificate(args));
}
