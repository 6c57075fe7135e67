/** The protocol schema as JSON Schema (docs/protocol.schema.json), for editors that validate YAML as you type. */
import { z } from 'zod';
import { ProtocolSchema } from './schema.ts';

export function protocolJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ProtocolSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://scrub.invalid/protocol.schema.json',
    title: 'Scrub procedure protocol',
  };
}
