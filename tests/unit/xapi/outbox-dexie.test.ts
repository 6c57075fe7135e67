// An IndexedDB for Node, installed before Dexie loads.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DexieOutboxStore } from '../../../src/app/storage/xapi-outbox-dexie.ts';
import { XapiOutbox } from '../../../src/app/storage/xapi-outbox.ts';
import { type TestLrs, startTestLrs } from '../../support/lrs-server.ts';
import { statementsOf, uuids } from './fixtures.ts';

let dbCount = 0;
const freshName = (): string => `scrub-xapi-outbox-test-${++dbCount}`;

describe('Dexie (IndexedDB) outbox store', () => {
  it('keeps the order added, skips ids already queued, peeks, removes and sets aside', async () => {
    const store = new DexieOutboxStore(freshName());
    const list = statementsOf();
    await store.add(list.slice(0, 5));
    await store.add([...list.slice(3), list[0]!]);
    expect(await store.count()).toBe(8);
    expect((await store.peek(100)).map((s) => s.id)).toEqual(list.map((s) => s.id));
    expect((await store.peek(2)).map((s) => s.id)).toEqual(list.slice(0, 2).map((s) => s.id));
    await store.remove([list[0]!.id, list[2]!.id]);
    await store.setAside(list[1]!, 'HTTP 400 bad');
    expect((await store.peek(1))[0]).toEqual(list[3]);
    expect(await store.setAsideList()).toEqual([{ statement: list[1], reason: 'HTTP 400 bad' }]);
    expect(await store.count()).toBe(5);
  });
});

describe('outbox on IndexedDB against the test LRS', () => {
  let lrs: TestLrs;
  beforeAll(async () => {
    lrs = await startTestLrs();
  });
  afterAll(async () => {
    await lrs.close();
  });

  it('queues offline, survives a reload (a new connection to the same database) and sends everything once', async () => {
    const name = freshName();
    const config = { endpoint: lrs.endpoint, username: 'scrub', password: 'secret' };
    const first = statementsOf({ newId: uuids(10) });
    const before = new XapiOutbox({ store: new DexieOutboxStore(name), config: () => config });
    await lrs.setOutage('refused');
    await before.enqueue(first);
    expect(await before.flush()).toMatchObject({ state: 'offline', pending: 8 });

    await lrs.setOutage('none');
    const after = new XapiOutbox({ store: new DexieOutboxStore(name), config: () => config, batchSize: 3 });
    expect(await after.pending()).toBe(8);
    expect(await after.flush()).toEqual({ state: 'idle', sent: 8, setAside: 0, pending: 0 });
    expect(lrs.statements.map((s) => (s as { id: string }).id)).toEqual(first.map((s) => s.id));
    expect(lrs.rejections).toEqual([]);
  });
});
