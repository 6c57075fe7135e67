/**
 * A local Learning Record Store for tests: loopback only, bounded, strict. It stores statements sent by
 * POST or PUT to /xapi/statements, checks each against the xAPI rules and the cmi5 ordering rules
 * (rejecting a batch with 400 and recording why), answers 409 for an id it already has, and can simulate
 * an outage: 503 answers, or the port closed (connection refused).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Cmi5Tracker, statementProblems } from './xapi-rules.ts';

export interface TestLrsOptions {
  username?: string;
  password?: string;
  masteryScore?: number;
  /** Most statements kept (bounded memory). */
  maxStatements?: number;
  /** Largest request body, bytes. */
  maxBody?: number;
  /** Answer CORS preflights and allow this origin (a web page on another port, as in the browser tests). */
  corsOrigin?: string;
}

export type Outage = 'none' | 'unavailable' | 'refused';

export interface TestLrs {
  /** e.g. http://127.0.0.1:41234/xapi/ */
  endpoint: string;
  /** Accepted statements, in arrival order. */
  statements: unknown[];
  /** Requests rejected for a rule: each with the problems found. */
  rejections: { status: number; problems: string[] }[];
  /** Every request that reached the server, as "METHOD path status". */
  requests: string[];
  setOutage(outage: Outage): Promise<void>;
  close(): Promise<void>;
}

const VERSION_HEADER = 'x-experience-api-version';

export async function startTestLrs(options: TestLrsOptions = {}): Promise<TestLrs> {
  const username = options.username ?? 'scrub';
  const password = options.password ?? 'secret';
  const maxStatements = options.maxStatements ?? 10_000;
  const maxBody = options.maxBody ?? 1 << 20;
  const expectedAuth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const byId = new Map<string, string>();
  let cmi5 = new Cmi5Tracker(options.masteryScore);
  let outage: Outage = 'none';
  const sockets = new Set<Socket>();

  const lrs: TestLrs = {
    endpoint: '',
    statements: [],
    rejections: [],
    requests: [],
    async setOutage(next) {
      if (next === outage) return;
      const wasRefused = outage === 'refused';
      outage = next;
      if (next === 'refused') await stop();
      else if (wasRefused) await listen(port);
    },
    async close() {
      if (outage !== 'refused') await stop();
    },
  };

  const reply = (res: ServerResponse, status: number, body?: unknown, problems: string[] = []): void => {
    lrs.requests.push(`${res.req.method} ${new URL(res.req.url ?? '/', 'http://x').pathname} ${status}`);
    if (problems.length) lrs.rejections.push({ status, problems });
    res.writeHead(status, { 'content-type': 'application/json', [VERSION_HEADER]: '1.0.3', ...cors });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };

  const cors: Record<string, string> = options.corsOrigin
    ? {
        'access-control-allow-origin': options.corsOrigin,
        'access-control-allow-methods': 'GET, POST, PUT',
        'access-control-allow-headers': `authorization, content-type, ${VERSION_HEADER}`,
        'access-control-expose-headers': VERSION_HEADER,
      }
    : {};

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (outage === 'unavailable') return reply(res, 503, { error: 'simulated outage' });
    if (req.method === 'OPTIONS' && options.corsOrigin) return reply(res, 204);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/xapi/statements') return reply(res, 404, { error: 'not found' });
    if (req.headers.authorization !== expectedAuth) return reply(res, 401, { error: 'unauthorised' });
    if (req.headers[VERSION_HEADER] !== '1.0.3') return reply(res, 400, undefined, [`${VERSION_HEADER} must be 1.0.3`]);
    if (req.method === 'GET') return reply(res, 200, { statements: lrs.statements, more: '' });
    if (req.method !== 'POST' && req.method !== 'PUT') return reply(res, 405, { error: 'method not allowed' });
    const body = await readBody(req, maxBody);
    if (body === null) return reply(res, 413, undefined, ['request body too large']);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return reply(res, 400, undefined, ['body is not JSON']);
    }
    const batch = req.method === 'PUT' ? [parsed] : Array.isArray(parsed) ? parsed : [parsed];
    if (req.method === 'PUT') {
      const id = url.searchParams.get('statementId');
      const stmt = parsed as { id?: string };
      if (!id) return reply(res, 400, undefined, ['PUT needs ?statementId']);
      if (stmt && typeof stmt === 'object' && stmt.id !== undefined && stmt.id !== id)
        return reply(res, 400, undefined, ['statementId differs from the id in the body']);
    }
    const seen = new Set<string>();
    for (const s of batch) {
      const id = (s as { id?: string })?.id;
      if (typeof id === 'string' && (byId.has(id) || seen.has(id))) return reply(res, 409, { error: `statement ${id} already stored` });
      if (typeof id === 'string') seen.add(id);
    }
    if (lrs.statements.length + batch.length > maxStatements) return reply(res, 507, undefined, ['test LRS is full']);
    // Check the whole batch against the rules before storing any of it (an LRS stores all or none).
    const problems: string[] = [];
    const tracker = cmi5.clone();
    const staged: unknown[] = [];
    for (const s of batch) {
      const found = [...statementProblems(s), ...tracker.check(s), ...voidingProblems(s, byId)];
      if (found.length) problems.push(...found.map((p) => `${(s as { id?: string })?.id ?? '?'}: ${p}`));
      else {
        tracker.accept(s);
        staged.push(s);
      }
    }
    if (problems.length) return reply(res, 400, { error: problems.join('; ') }, problems);
    cmi5 = tracker;
    for (const s of staged) {
      const id = (s as { id: string }).id;
      byId.set(id, JSON.stringify(s));
      lrs.statements.push(s);
    }
    return req.method === 'PUT'
      ? reply(res, 204)
      : reply(
          res,
          200,
          staged.map((s) => (s as { id: string }).id),
        );
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, { error: String(error) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.requestTimeout = 5000;

  const listen = (p: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });

  await listen(0);
  const port = (server.address() as { port: number }).port;
  lrs.endpoint = `http://127.0.0.1:${port}/xapi/`;
  return lrs;
}

function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** xAPI: a voiding statement cannot void another voiding statement (one the LRS does not have yet is allowed). */
function voidingProblems(s: unknown, byId: ReadonlyMap<string, string>): string[] {
  const st = s as { verb?: { id?: string }; object?: { objectType?: string; id?: string } };
  if (st?.verb?.id !== 'http://adlnet.gov/expapi/verbs/voided' || st.object?.objectType !== 'StatementRef') return [];
  const target = byId.get(String(st.object.id));
  return target && (JSON.parse(target) as { verb?: { id?: string } }).verb?.id === st.verb.id ? ['a voiding statement cannot be voided'] : [];
}
