// window.steward for renderer tests, backed by the real core (STYLE 17): the cores, their bridges
// and the world around them (content, files, an LRS) are built in test/support/rendererCore.ts.
// That module runs Node and imports core; it is loaded here through import.meta.glob rather than
// an import statement, so the web tsconfig (which checks the renderer and these tests) does not
// follow it into core and Node's types: a renderer file using `process` or `Buffer` must still
// fail to compile there. The Node tsconfig checks rendererCore.ts against the types in testCore.ts.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { RendererCore } from './testCore';

export type * from './testCore';

const loaded = Object.values(
  import.meta.glob<RendererCore>('../../support/rendererCore.ts', { eager: true }),
);
if (loaded.length !== 1) throw new Error('test/support/rendererCore.ts is missing');
const rendererCore = loaded[0]!;

export const {
  freshCore,
  seededWorkspace,
  seedDemoOrganisation,
  startTestLrs,
  SUBMITTER_MODULES,
  ALL_MODULES,
} = rendererCore;

// After each test of a file that uses real cores: unmount the page (nothing polls any more), then
// stop each bridge, close its services and remove its folder.
afterEach(async () => {
  cleanup();
  await rendererCore.closeOpenCores();
});
