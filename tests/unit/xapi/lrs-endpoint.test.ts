import { describe, expect, it } from 'vitest';
import { type FetchLike, LrsClient, checkLrsEndpoint } from '../../../src/app/storage/lrs-client.ts';
import { MemoryOutboxStore } from '../../../src/app/storage/xapi-outbox-store.ts';
import { XapiOutbox } from '../../../src/app/storage/xapi-outbox.ts';
import { statementsOf, uuids } from './fixtures.ts';

describe('LRS endpoints: https anywhere, plain http only to this machine', () => {
  it.each([
    ['https://lrs.example.org/xapi/', 'https://lrs.example.org/xapi/'],
    ['  https://lrs.example.org/xapi  ', 'https://lrs.example.org/xapi'],
    ['http://localhost:8080/xapi/', 'http://localhost:8080/xapi/'],
    ['http://127.0.0.1:9000/xapi/', 'http://127.0.0.1:9000/xapi/'],
    ['http://[::1]:9000/xapi/', 'http://[::1]:9000/xapi/'],
  ])('accepts %s', (text, href) => {
    expect(checkLrsEndpoint(text)).toEqual({ ok: true, href });
  });

  it.each([
    ['http://lrs.example.org/xapi/', /Plain http:\/\/ would send the LRS password unencrypted/],
    ['http://192.168.1.20/xapi/', /Plain http/],
    ['http://localhost.evil.example/xapi/', /Plain http/],
    ['http://127.0.0.2.nip.io/xapi/', /Plain http/],
    ['https://user:secret@lrs.example.org/xapi/', /own fields/],
    ['ftp://lrs.example.org/', /https/],
    ['javascript:alert(1)', /https/],
    ['lrs.example.org/xapi', /not a web address/],
  ])('refuses %s', (text, message) => {
    const checked = checkLrsEndpoint(text);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(message);
  });

  it('never sends the credentials to a refused endpoint saved earlier: the statements wait', async () => {
    const calls: string[] = [];
    const fetchFn: FetchLike = async (url) => {
      calls.push(url);
      return { status: 200, text: async () => '' };
    };
    const config = { endpoint: 'http://lrs.example.org/xapi/', username: 'u', password: 'p' };
    const statements = statementsOf({
      newId: uuids(0),
      registration: 'aaaaaaaa-0000-4000-8000-000000000001',
      sessionId: 'bbbbbbbb-0000-4000-8000-000000000001',
    });
    expect((await new LrsClient(config, fetchFn).postBatch(statements)).kind).toBe('insecure');
    const outbox = new XapiOutbox({ store: new MemoryOutboxStore(), config: () => config, fetch: fetchFn });
    await outbox.enqueue(statements);
    const result = await outbox.flush();
    expect(result).toMatchObject({ state: 'insecure', sent: 0, pending: statements.length });
    expect(calls).toEqual([]);
  });
});
