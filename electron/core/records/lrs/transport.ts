// One POST of a batch of statements to an LRS, and what the answer means for the outbox.
// Plain fetch rather than @xapi/xapi's client: that client goes through axios, offers no
// per-request timeout or abort signal, cannot be handed an injected fetch, and hides the
// status and body we need to tell "this statement is invalid" (400) from "the LRS is down".
import type { XapiStatement } from '../xapi';
import { XAPI_VERSION } from '../xapi';
import { statementsUrl } from './endpoint';

export type PostOutcome =
  /** 200/204: the LRS holds every statement of the batch. */
  | { kind: 'accepted' }
  /** 400/409/413: something in this batch is refused; a smaller batch may go through. */
  | { kind: 'refused'; status: number; reason: string }
  /** Network error, timeout, 5xx, auth or address problems: keep everything and retry later. */
  | { kind: 'unavailable'; reason: string }
  /** Our own signal stopped the request (settings changed, app closing): nothing to record. */
  | { kind: 'aborted' };

export interface PostArgs {
  fetch: typeof fetch;
  endpoint: string;
  key: string;
  secret: string;
  statements: readonly XapiStatement[];
  timeoutMs: number;
  signal?: AbortSignal;
}

const REFUSING_STATUSES = new Set([400, 409, 413]);

export async function postStatements(args: PostArgs): Promise<PostOutcome> {
  const { endpoint } = args;
  const timeout = AbortSignal.timeout(args.timeoutMs);
  const signal = args.signal ? AbortSignal.any([args.signal, timeout]) : timeout;
  let response: Response;
  let body: string;
  try {
    response = await args.fetch(statementsUrl(endpoint), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Experience-API-Version': XAPI_VERSION,
        Authorization: `Basic ${Buffer.from(`${args.key}:${args.secret}`, 'utf8').toString('base64')}`,
      },
      body: JSON.stringify(args.statements),
      // A redirect would carry the credentials somewhere the person did not choose.
      redirect: 'manual',
      signal,
    });
    body = await response.text();
  } catch (error) {
    if (args.signal?.aborted === true) return { kind: 'aborted' };
    if (timeout.aborted) {
      return {
        kind: 'unavailable',
        reason: `The LRS at ${endpoint} did not answer within ${Number((args.timeoutMs / 1000).toFixed(1))} s.`,
      };
    }
    return { kind: 'unavailable', reason: `Could not reach the LRS at ${endpoint} (${networkCode(error)}).` };
  }
  const status = response.status;
  if (status === 200 || status === 204) return { kind: 'accepted' };
  const said = lrsReason(body);
  if (REFUSING_STATUSES.has(status)) return { kind: 'refused', status, reason: said || `HTTP ${status}` };
  if (status === 401 || status === 403) {
    return {
      kind: 'unavailable',
      reason: `The LRS at ${endpoint} refused the key and secret (HTTP ${status}). Check them in Settings → LRS.`,
    };
  }
  if (status === 404) {
    return {
      kind: 'unavailable',
      reason: `The LRS at ${endpoint} has no statements resource there (HTTP 404). Check the endpoint: it usually ends in /xAPI or /data/xAPI.`,
    };
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    return {
      kind: 'unavailable',
      reason: `The LRS at ${endpoint} redirects elsewhere (HTTP ${status}${location ? ` to ${location}` : ''}). Put the address it redirects to in Settings → LRS.`,
    };
  }
  if (status >= 500) {
    return {
      kind: 'unavailable',
      reason: `The LRS at ${endpoint} had a problem (HTTP ${status}${said ? `: ${said}` : ''}).`,
    };
  }
  return {
    kind: 'unavailable',
    reason: `The LRS at ${endpoint} answered HTTP ${status}${said ? `: ${said}` : ''}.`,
  };
}

function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The LRS's own words: xAPI LRSs answer errors with JSON ({ message } or { warnings: [...] }) or text. */
export function lrsReason(body: string): string {
  const text = body.trim();
  if (text === '') return '';
  try {
    const json = JSON.parse(text) as unknown;
    if (typeof json === 'object' && json !== null) {
      const j = json as { warnings?: unknown; message?: unknown; error?: unknown };
      if (Array.isArray(j.warnings) && j.warnings.length > 0) return clip(j.warnings.map(String).join('; '));
      if (typeof j.message === 'string') return clip(j.message);
      if (typeof j.error === 'string') return clip(j.error);
    }
  } catch {
    // Not JSON: use the text.
  }
  return clip(text.replace(/\s+/g, ' '));
}

function clip(s: string): string {
  return s.length > 500 ? `${s.slice(0, 499)}…` : s;
}
