// The in-page half of the non-Electron bridges: defines window.steward with exactly one function
// per contract method, each sending { method, args } through a transport and resolving with the
// envelope. Used by the preview (WebSocket) and the e2e harness (Playwright binding), so the page
// sees the same object the Electron preload exposes.
import { METHOD_NAMES } from '../core/contract/methods';

export type PageTransport = 'websocket' | 'binding';

export const BINDING_NAME = '__stewardCall';
export const WS_PATH = '/__steward/ws';
export const BRIDGE_SCRIPT_PATH = '/__steward/bridge.js';
/** The preview's downloads: GET DOWNLOAD_PATH + file name + ?token= (previewServer.ts). */
export const DOWNLOAD_PATH = '/__steward/download/';

export function pageBridgeSource(
  transport: PageTransport,
  methods: readonly string[] = METHOD_NAMES,
): string {
  const send =
    transport === 'binding'
      ? `const binding = window[${JSON.stringify(BINDING_NAME)}];
  try { delete window[${JSON.stringify(BINDING_NAME)}]; } catch (e) {}
  const send = (method, args) => binding(method, args);`
      : `const params = new URLSearchParams(location.search);
  const token = params.get('token') || sessionStorage.getItem('steward-preview-token') || '';
  if (token) sessionStorage.setItem('steward-preview-token', token);
  let socket = null;
  let nextId = 1;
  const pending = new Map();
  const queue = [];
  const fail = (message) => ({ ok: false, error: { code: 'INTERNAL', message } });
  const connect = () => {
    socket = new WebSocket('ws://' + location.host + ${JSON.stringify(WS_PATH)} + '?token=' + encodeURIComponent(token));
    socket.onopen = () => { while (queue.length) socket.send(queue.shift()); };
    socket.onmessage = (ev) => {
      let msg; try { msg = JSON.parse(ev.data); } catch (e) { return; }
      const p = pending.get(msg.id); if (!p) return;
      pending.delete(msg.id); p(msg.result);
    };
    socket.onclose = () => {
      for (const p of pending.values()) p(fail('The preview server closed the connection. Is npm run preview still running?'));
      pending.clear(); socket = null;
    };
  };
  const send = (method, args) => new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    const frame = JSON.stringify({ id, method, args });
    if (!socket) connect();
    if (socket.readyState === 1) socket.send(frame); else queue.push(frame);
  });`;
  const fns = methods
    .map((m) => `  ${JSON.stringify(m)}: (args) => send(${JSON.stringify(m)}, args),`)
    .join('\n');
  return `(() => {
  ${send}
  const api = {
${fns}
  };
  Object.defineProperty(window, 'steward', { value: Object.freeze(api), enumerable: true });${
    transport === 'websocket'
      ? `
  // Files the core wrote into the exports folder, offered to the browser as downloads.
  const downloadUrl = (file) => ${JSON.stringify(DOWNLOAD_PATH)} + encodeURIComponent(String(file).split(/[\\\\/]/).pop()) + '?token=' + encodeURIComponent(token);
  Object.defineProperty(window, 'stewardPreview', { value: Object.freeze({ downloadUrl }), enumerable: true });`
      : ''
  }
})();
`;
}
