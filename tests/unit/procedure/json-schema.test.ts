import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocolJsonSchema } from '../../../src/core/procedure/index.ts';
import { ROOT } from './helpers.ts';

const FILE = join(ROOT, 'docs/protocol.schema.json');

describe('docs/protocol.schema.json', () => {
  it('is up to date with the zod schema (regenerate: UPDATE_PROTOCOL_SCHEMA=1 npx vitest run tests/unit/procedure/json-schema.test.ts)', () => {
    const generated = `${JSON.stringify(protocolJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_PROTOCOL_SCHEMA === '1') writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });
});
