// window.steward backed by the real services (a temp workspace and a copy of the content), as the
// e2e bridge does: every call goes through the contract's dispatch. For renderer specs written
// before the shared real-core bridge lands on main (branch rtests); the same idea, smaller.
import { METHOD_NAMES, type StewardBridge } from '../../../electron/core/contract/methods';
import { createDispatch } from '../../../electron/core/dispatch';
import type { HostCapabilities } from '../../../electron/core/services';
import { tempServices, type TempServices } from '../../support/services';

export async function installCoreBridge(
  options: { now?: () => Date; capabilities?: HostCapabilities } = {},
): Promise<TempServices> {
  const env = await tempServices({ prefix: 'steward-renderer-', ...options });
  const dispatch = createDispatch(env.services);
  window.steward = Object.fromEntries(
    METHOD_NAMES.map((method) => [method, (args?: unknown) => dispatch(method, args ?? {})]),
  ) as unknown as StewardBridge;
  return env;
}
