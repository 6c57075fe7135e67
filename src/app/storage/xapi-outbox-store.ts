/** Where the xAPI outbox keeps its queue: IndexedDB in the browser (Dexie), memory in tests. */
import type { Statement } from '../../core/xapi/statement.ts';

export interface SetAside {
  statement: Statement;
  /** Why the LRS refused it (its answer). */
  reason: string;
}

export interface OutboxStore {
  /** Appends in order; ids already queued are skipped, so enqueueing twice sends once. */
  add(statements: readonly Statement[]): Promise<void>;
  /** The oldest `limit` statements, in the order added. */
  peek(limit: number): Promise<Statement[]>;
  remove(ids: readonly string[]): Promise<void>;
  /** Moves a statement the LRS will never accept out of the queue, keeping it for inspection. */
  setAside(statement: Statement, reason: string): Promise<void>;
  setAsideList(): Promise<SetAside[]>;
  count(): Promise<number>;
}

export class MemoryOutboxStore implements OutboxStore {
  private queue: Statement[] = [];
  private aside: SetAside[] = [];

  async add(statements: readonly Statement[]): Promise<void> {
    const ids = new Set(this.queue.map((s) => s.id));
    for (const s of statements) {
      if (ids.has(s.id)) continue;
      ids.add(s.id);
      this.queue.push(structuredClone(s));
    }
  }

  async peek(limit: number): Promise<Statement[]> {
    return structuredClone(this.queue.slice(0, limit));
  }

  async remove(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    this.queue = this.queue.filter((s) => !gone.has(s.id));
  }

  async setAside(statement: Statement, reason: string): Promise<void> {
    await this.remove([statement.id]);
    this.aside.push({ statement: structuredClone(statement), reason });
  }

  async setAsideList(): Promise<SetAside[]> {
    return structuredClone(this.aside);
  }

  async count(): Promise<number> {
    return this.queue.length;
  }
}
