/**
 * Talks to a Learning Record Store: plain fetch with the xAPI 1.0.3 headers and Basic auth (smaller than
 * a client library, and all Scrub needs). Answers are sorted into what the outbox does next.
 */
import type { Statement } from '../../core/xapi/statement.ts';

/** Endpoint and credentials: from the settings, never written into recordings, reports or exports. */
export interface LrsConfig {
  /** The LRS's xAPI base, e.g. https://lrs.example.org/xapi/ */
  endpoint: string;
  username: string;
  password: string;
}

/** Hosts that may be reached over plain http: this machine only (a local LRS for development or a classroom laptop). */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Whether statements and Basic-auth credentials may be sent to this endpoint: https anywhere, plain http only
 * to this machine (anything else would send the password in clear over the network), and no credentials
 * inside the address itself. Returns the normalised address, or why it is refused, in words for the settings.
 */
export function checkLrsEndpoint(text: string): { ok: true; href: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: 'The endpoint is not a web address (e.g. https://lrs.example.org/xapi/).' };
  }
  if (url.username || url.password) return { ok: false, message: 'Put the username and password in their own fields, not in the endpoint address.' };
  if (url.protocol === 'https:') return { ok: true, href: url.href };
  if (url.protocol === 'http:') {
    if (LOOPBACK_HOSTS.includes(url.hostname)) return { ok: true, href: url.href };
    return {
      ok: false,
      message: `Plain http:// would send the LRS password unencrypted: use https:// (plain http is accepted only for an LRS on this machine, localhost or 127.0.0.1).`,
    };
  }
  return { ok: false, message: 'The endpoint must be an https:// address.' };
}

export type SendOutcome =
  /** Stored, or the LRS already had these ids (409 on a re-sent id). */
  | { kind: 'sent' }
  /** 409 on a batch: which ids it already had is unknown; send one by one. */
  | { kind: 'conflict' }
  /** 400 and other 4xx: this content will never be accepted. */
  | { kind: 'rejected'; status: number; message: string }
  | { kind: 'unauthorized'; status: number }
  /** The endpoint is plain http to another machine (checkLrsEndpoint): nothing is sent. */
  | { kind: 'insecure'; message: string }
  /** 5xx, 429, a network error: try again later. */
  | { kind: 'unavailable'; message: string };

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ status: number; text(): Promise<string> }>;

export class LrsClient {
  constructor(
    private readonly config: LrsConfig,
    private readonly fetchFn: FetchLike = (url, init) => fetch(url, init),
  ) {}

  /** POST a batch (all stored or none). */
  postBatch(statements: readonly Statement[]): Promise<SendOutcome> {
    return this.request('POST', this.url(), JSON.stringify(statements), false);
  }

  /** PUT one statement under its id: a 409 means the LRS has it already, which counts as sent. */
  put(statement: Statement): Promise<SendOutcome> {
    return this.request('PUT', `${this.url()}?statementId=${encodeURIComponent(statement.id)}`, JSON.stringify(statement), true);
  }

  private url(): string {
    return `${this.config.endpoint.replace(/\/?$/, '/')}statements`;
  }

  private async request(method: string, url: string, body: string, single: boolean): Promise<SendOutcome> {
    // Settings saved before the endpoint rule (or written by hand) are never used to send credentials.
    const allowed = checkLrsEndpoint(this.config.endpoint);
    if (!allowed.ok) return { kind: 'insecure', message: allowed.message };
    let response: { status: number; text(): Promise<string> };
    try {
      response = await this.fetchFn(url, {
        method,
        headers: {
          'Content-Type': 'application/json',
          'X-Experience-API-Version': '1.0.3',
          Authorization: basicAuth(this.config.username, this.config.password),
        },
        body,
      });
    } catch (error) {
      return { kind: 'unavailable', message: error instanceof Error ? error.message : String(error) };
    }
    const { status } = response;
    if (status >= 200 && status < 300) return { kind: 'sent' };
    if (status === 409) return single ? { kind: 'sent' } : { kind: 'conflict' };
    if (status === 401 || status === 403) return { kind: 'unauthorized', status };
    const message = await response.text().catch(() => '');
    if (status === 429 || status >= 500 || status === 408) return { kind: 'unavailable', message: `HTTP ${status} ${message}`.trim() };
    return { kind: 'rejected', status, message: `HTTP ${status} ${message}`.trim() };
  }
}

function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}
