import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Statement } from '../../../src/core/xapi/index.ts';
import { MemoryOutboxStore, type OutboxStore } from '../../../src/app/storage/xapi-outbox-store.ts';
import { XapiOutbox } from '../../../src/app/storage/xapi-outbox.ts';
import type { LrsConfig } from '../../../src/app/storage/lrs-client.ts';
import { type TestLrs, startTestLrs } from '../../support/lrs-server.ts';
import { statementsOf, uuids } from './fixtures.ts';

/** Three attempts' statements: each attempt its own registration and session. */
function attempts(count = 3): Statement[][] {
  return Array.from({ length: count }, (_, i) =>
    statementsOf({
      newId: uuids(i),
      registration: `aaaaaaaa-0000-4000-8000-00000000000${i + 1}`,
      sessionId: `bbbbbbbb-0000-4000-8000-00000000000${i + 1}`,
    }),
  );
}

const ids = (list: unknown[]): string[] => list.map((s) => (s as Statement).id);

describe('xAPI outbox against the test LRS', () => {
  let lrs: TestLrs;
  let config: LrsConfig;
  beforeEach(async () => {
    lrs = await startTestLrs({ username: 'scrub', password: 'pa:ss wörd', masteryScore: 0.8 });
    config = { endpoint: lrs.endpoint, username: 'scrub', password: 'pa:ss wörd' };
  });
  afterEach(async () => {
    await lrs.close();
  });

  it('sends every statement in order, once, and the LRS finds no rule broken', async () => {
    const outbox = new XapiOutbox({ store: new MemoryOutboxStore(), config: () => config, batchSize: 5 });
    const all = attempts();
    for (const a of all) await outbox.enqueue(a);
    expect(await outbox.pending()).toBe(24);
    const result = await outbox.flush();
    expect(result).toEqual({ state: 'idle', sent: 24, setAside: 0, pending: 0 });
    expect(ids(lrs.statements)).toEqual(ids(all.flat()));
    expect(lrs.rejections).toEqual([]);
  });

  it('keeps everything through a 503 outage and a refused connection, then sends the rest without duplicates', async () => {
    const store = new MemoryOutboxStore();
    const outbox = new XapiOutbox({ store, config: () => config, batchSize: 4 });
    const [first, second, third] = attempts();
    await outbox.enqueue(first!);
    expect((await outbox.flush()).sent).toBe(8);

    await lrs.setOutage('unavailable');
    await outbox.enqueue(second!);
    const down = await outbox.flush();
    expect(down).toMatchObject({ state: 'offline', sent: 0, pending: 8 });
    expect(down.message).toMatch(/503/);

    await lrs.setOutage('refused');
    await outbox.enqueue(third!);
    expect(await outbox.flush()).toMatchObject({ state: 'offline', sent: 0, pending: 16 });

    await lrs.setOutage('none');
    expect(await outbox.flush()).toEqual({ state: 'idle', sent: 16, setAside: 0, pending: 0 });
    expect(ids(lrs.statements)).toEqual(ids([...first!, ...second!, ...third!]));
    expect(new Set(ids(lrs.statements)).size).toBe(24);
    expect(lrs.rejections).toEqual([]);
  });

  it('survives a reload: a new outbox on the same store sends what the old one left', async () => {
    const store = new MemoryOutboxStore();
    const [a] = attempts(1);
    await new XapiOutbox({ store, config: () => null }).enqueue(a!);
    expect(await new XapiOutbox({ store, config: () => null }).flush()).toMatchObject({ state: 'not-configured', pending: 8 });
    const reloaded = new XapiOutbox({ store, config: () => config });
    expect((await reloaded.flush()).sent).toBe(8);
    expect(ids(lrs.statements)).toEqual(ids(a!));
  });

  it('counts a 409 on a re-sent id as sent: a reply lost after the LRS stored the batch sends nothing twice', async () => {
    const inner = new MemoryOutboxStore();
    let dropRemovals = 1;
    // The first removal is "lost" (as if the page closed between the LRS's answer and the queue's update).
    const store: OutboxStore = Object.assign(Object.create(inner) as OutboxStore, {
      remove: async (list: readonly string[]) => (dropRemovals-- > 0 ? undefined : inner.remove(list)),
    });
    const outbox = new XapiOutbox({ store, config: () => config, batchSize: 3 });
    const [a] = attempts(1);
    await outbox.enqueue(a!);
    const result = await outbox.flush();
    expect(result).toMatchObject({ state: 'idle', pending: 0 });
    expect(ids(lrs.statements)).toEqual(ids(a!));
    // The batch comes back once: POST → 409, then each of its 3 statements PUT → 409, counted as sent.
    expect(lrs.requests.filter((r) => r.endsWith(' 409'))).toEqual(['POST /xapi/statements 409', ...Array(3).fill('PUT /xapi/statements 409')]);
  });

  it('enqueueing the same statements twice queues them once', async () => {
    const outbox = new XapiOutbox({ store: new MemoryOutboxStore(), config: () => config });
    const [a] = attempts(1);
    await outbox.enqueue(a!);
    await outbox.enqueue(a!);
    expect(await outbox.pending()).toBe(8);
  });

  it('stops on wrong credentials without losing anything', async () => {
    const outbox = new XapiOutbox({ store: new MemoryOutboxStore(), config: () => ({ ...config, password: 'wrong' }) });
    await outbox.enqueue(attempts(1)[0]!);
    expect(await outbox.flush()).toMatchObject({ state: 'unauthorized', sent: 0, pending: 8 });
  });

  it('sets aside a statement the LRS refuses and sends the others', async () => {
    const outbox = new XapiOutbox({ store: new MemoryOutboxStore(), config: () => config });
    const good = attempts(1)[0]!;
    const bad = { ...good[1]!, id: 'eeeeeeee-0000-4000-8000-000000000001', verb: { id: 'not-an-iri', display: { 'en-US': 'x' } } };
    await outbox.enqueue([...good.slice(0, 2), bad, ...good.slice(2)]);
    const result = await outbox.flush();
    expect(result).toEqual({ state: 'idle', sent: 8, setAside: 1, pending: 0 });
    const aside = await outbox.setAside();
    expect(aside.map((s) => s.statement.id)).toEqual([bad.id]);
    expect(aside[0]!.reason).toMatch(/HTTP 400.*verb\.id must be an IRI/);
    expect(ids(lrs.statements)).toEqual(ids(good));
  });

  it('runs one flush at a time', async () => {
    const outbox = new XapiOutbox({ store: new MemoryOutboxStore(), config: () => config, batchSize: 2 });
    await outbox.enqueue(attempts(1)[0]!);
    const [r1, r2] = await Promise.all([outbox.flush(), outbox.flush()]);
    expect(r1).toBe(r2);
    expect(lrs.statements).toHaveLength(8);
  });

  it('never puts the credentials in the queue', async () => {
    const store = new MemoryOutboxStore();
    const outbox = new XapiOutbox({ store, config: () => ({ ...config, password: 'wrong' }) });
    await outbox.enqueue(attempts(1)[0]!);
    await outbox.flush();
    expect(JSON.stringify(await store.peek(100))).not.toMatch(/wrong|pa:ss/);
  });
});

describe('the test LRS itself', () => {
  it('listens on loopback only and rejects a request without the xAPI version header', async () => {
    const lrs = await startTestLrs();
    try {
      expect(lrs.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/xapi\/$/);
      const res = await fetch(`${lrs.endpoint}statements`, {
        method: 'POST',
        headers: { Authorization: `Basic ${btoa('scrub:secret')}`, 'Content-Type': 'application/json' },
        body: '[]',
      });
      expect(res.status).toBe(400);
    } finally {
      await lrs.close();
    }
  });
});
