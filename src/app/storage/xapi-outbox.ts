/**
 * The xAPI outbox: statements are queued first (IndexedDB in the browser) and sent to the LRS in the
 * order queued, a batch at a time, whenever it can be reached. A statement leaves the queue only once the
 * LRS has it (stored, or 409 for an id it already had), so nothing is lost across reloads or outages and
 * the LRS holds each id once. A statement the LRS refuses outright (400) is set aside, not retried forever.
 */
import type { Statement } from '../../core/xapi/statement.ts';
import { DexieOutboxStore } from './xapi-outbox-dexie.ts';
import type { OutboxStore, SetAside } from './xapi-outbox-store.ts';
import { type FetchLike, LrsClient, type LrsConfig } from './lrs-client.ts';

export type FlushState =
  | 'idle'
  /** No LRS in the settings: statements wait in the queue. */
  | 'not-configured'
  | 'offline'
  | 'unauthorized'
  /** The endpoint is refused (plain http to another machine, checkLrsEndpoint): statements wait, nothing is sent. */
  | 'insecure'
  /** The queue itself could not be read or written (IndexedDB failure). */
  | 'storage-error';

export interface FlushResult {
  state: FlushState;
  sent: number;
  setAside: number;
  pending: number;
  /** The LRS's or the network's last word, when not idle. */
  message?: string;
}

export interface OutboxOptions {
  store: OutboxStore;
  /** Read at every flush, so a settings change applies at once; null when no LRS is configured. */
  config: () => LrsConfig | null;
  fetch?: FetchLike;
  batchSize?: number;
  /** Serialises flushes across tabs (navigator.locks in the browser). */
  lock?: <T>(run: () => Promise<T>) => Promise<T>;
}

export class XapiOutbox {
  private readonly store: OutboxStore;
  private readonly batchSize: number;
  private running: Promise<FlushResult> | null = null;

  constructor(private readonly options: OutboxOptions) {
    this.store = options.store;
    this.batchSize = options.batchSize ?? 50;
  }

  /** Queues an attempt's statements (in send order). Enqueueing the same ids again queues nothing new. */
  enqueue(statements: readonly Statement[]): Promise<void> {
    return this.store.add(statements);
  }

  pending(): Promise<number> {
    return this.store.count();
  }

  setAside(): Promise<SetAside[]> {
    return this.store.setAsideList();
  }

  /** Sends what is queued, oldest first, until the queue is empty or the LRS cannot take more. One flush at a time. */
  flush(): Promise<FlushResult> {
    if (!this.running) {
      const run = (): Promise<FlushResult> => this.drain();
      this.running = (this.options.lock ? this.options.lock(run) : run()).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async drain(): Promise<FlushResult> {
    const config = this.options.config();
    let sent = 0;
    let setAside = 0;
    const done = async (state: FlushState, message?: string): Promise<FlushResult> => {
      const result: FlushResult = { state, sent, setAside, pending: await this.store.count() };
      if (message !== undefined) result.message = message;
      return result;
    };
    if (!config) return done('not-configured');
    const client = new LrsClient(config, this.options.fetch);
    for (;;) {
      const batch = await this.store.peek(this.batchSize);
      if (batch.length === 0) return done('idle');
      const outcome = await client.postBatch(batch);
      if (outcome.kind === 'sent') {
        await this.store.remove(batch.map((s) => s.id));
        sent += batch.length;
        continue;
      }
      if (outcome.kind === 'unavailable') return done('offline', outcome.message);
      if (outcome.kind === 'insecure') return done('insecure', outcome.message);
      if (outcome.kind === 'unauthorized') return done('unauthorized', `HTTP ${outcome.status}`);
      // 409 (some ids already there) or 400 (one bad statement spoils the batch): one by one, in order.
      for (const statement of batch) {
        const one = await client.put(statement);
        if (one.kind === 'sent') {
          await this.store.remove([statement.id]);
          sent++;
        } else if (one.kind === 'rejected') {
          await this.store.setAside(statement, one.message);
          setAside++;
        } else if (one.kind === 'unavailable') {
          return done('offline', one.message);
        } else if (one.kind === 'unauthorized') {
          return done('unauthorized', `HTTP ${one.status}`);
        }
      }
    }
  }
}

/**
 * Flushes now, then again after `intervalMs` (doubling while the LRS is unreachable, up to `maxIntervalMs`)
 * and whenever the browser comes back online. Returns a function that stops it.
 */
export function startAutoFlush(
  outbox: XapiOutbox,
  { intervalMs = 30_000, maxIntervalMs = 300_000, onResult }: { intervalMs?: number; maxIntervalMs?: number; onResult?: (r: FlushResult) => void } = {},
): () => void {
  let delay = intervalMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async (): Promise<void> => {
    clearTimeout(timer);
    const result = await outbox.flush().catch(
      async (error: unknown): Promise<FlushResult> => ({
        state: 'storage-error',
        sent: 0,
        setAside: 0,
        pending: await outbox.pending().catch(() => 0),
        message: String(error),
      }),
    );
    onResult?.(result);
    delay = result.state === 'offline' || result.state === 'storage-error' ? Math.min(maxIntervalMs, delay * 2) : intervalMs;
    if (!stopped) timer = setTimeout(() => void tick(), delay);
  };
  const online = (): void => {
    delay = intervalMs;
    void tick();
  };
  globalThis.addEventListener?.('online', online);
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    globalThis.removeEventListener?.('online', online);
  };
}

/** The browser's outbox: the queue in IndexedDB, flushes serialised across tabs with the Web Locks API. */
export function createBrowserOutbox(config: () => LrsConfig | null): XapiOutbox {
  const locks = globalThis.navigator?.locks;
  const options: OutboxOptions = { store: new DexieOutboxStore(), config };
  // request() resolves with the callback's promise's value; its typing does not unwrap the promise.
  if (locks) options.lock = <T>(run: () => Promise<T>) => locks.request('scrub-xapi-outbox', run) as unknown as Promise<T>;
  return new XapiOutbox(options);
}
