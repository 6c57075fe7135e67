/**
 * Plain-object maps keyed by ids that come from action logs. Reads check own properties and writes use
 * computed keys, so an id such as "__proto__" or "constructor" is just another key.
 */
export type IdRecord<V> = Readonly<Record<string, V>>;

export function getOwn<V>(record: IdRecord<V>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function withKey<V>(record: IdRecord<V>, key: string, value: V): IdRecord<V> {
  return { ...record, [key]: value };
}
