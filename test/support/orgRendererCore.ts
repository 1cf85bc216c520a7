// The real core behind window.steward for the organisation screens' renderer tests (STYLE 17):
// services on a temp folder with a copy of the content, reached through the same dispatch the
// preview and main use. Loaded by the tests through import.meta.glob so the web tsconfig does not
// follow it into Node; its shape is OrgTestCore in test/renderer/features/org/orgCore.ts.
import { createDispatch } from '../../electron/core/dispatch';
import type { StewardBridge } from '../../electron/core/contract/methods';
import { tempServices } from './services';

export async function startOrgCore() {
  const env = await tempServices({ prefix: 'steward-orgui-' });
  const dispatch = createDispatch(env.services);
  const bridge = new Proxy(
    {},
    { get: (_target, method) => (args?: unknown) => dispatch(String(method), args ?? {}) },
  ) as StewardBridge;
  return { services: env.services, bridge, close: () => env.close() };
}
