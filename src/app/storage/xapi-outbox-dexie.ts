/** The outbox queue in IndexedDB, through Dexie: survives page reloads and going offline. */
import Dexie, { type Table } from 'dexie';
import type { Statement } from '../../core/xapi/statement.ts';
import type { OutboxStore, SetAside } from './xapi-outbox-store.ts';

interface QueuedRow {
  /** Auto-increment: the send order. */
  seq?: number;
  id: string;
  statement: Statement;
}

interface SetAsideRow extends SetAside {
  id: string;
}

type OutboxDb = Dexie & { queue: Table<QueuedRow, number>; setAside: Table<SetAsideRow, string> };

export const OUTBOX_DB_NAME = 'scrub-xapi-outbox';

export class DexieOutboxStore implements OutboxStore {
  private readonly db: OutboxDb;

  constructor(name = OUTBOX_DB_NAME) {
    this.db = new Dexie(name) as OutboxDb;
    this.db.version(1).stores({ queue: '++seq, &id', setAside: 'id' });
  }

  add(statements: readonly Statement[]): Promise<void> {
    return this.db.transaction('rw', this.db.queue, async () => {
      const ids = statements.map((s) => s.id);
      const existing = new Set((await this.db.queue.where('id').anyOf(ids).toArray()).map((r) => r.id));
      const rows = statements.filter((s, i) => !existing.has(s.id) && ids.indexOf(s.id) === i).map((statement) => ({ id: statement.id, statement }));
      await this.db.queue.bulkAdd(rows);
    });
  }

  async peek(limit: number): Promise<Statement[]> {
    return (await this.db.queue.orderBy('seq').limit(limit).toArray()).map((r) => r.statement);
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.db.queue
      .where('id')
      .anyOf([...ids])
      .delete();
  }

  setAside(statement: Statement, reason: string): Promise<void> {
    return this.db.transaction('rw', this.db.queue, this.db.setAside, async () => {
      await this.db.queue.where('id').equals(statement.id).delete();
      await this.db.setAside.put({ id: statement.id, statement, reason });
    });
  }

  async setAsideList(): Promise<SetAside[]> {
    return (await this.db.setAside.toArray()).map(({ statement, reason }) => ({ statement, reason }));
  }

  count(): Promise<number> {
    return this.db.queue.count();
  }
}
