import './strict-csp.ts'; // zod without its eval probe, before the first parse below
import { type Protocol, formatProtocolError, loadProtocol } from '../core/procedure/index.ts';

/** A protocol file as the app sees it: loaded, or broken with located errors (shown, never thrown). */
export type CatalogEntry = { file: string; ok: true; protocol: Protocol } | { file: string; ok: false; errors: string[] };

// Every protocol file, bundled as text. In dev, editing one hot-updates this module and the screens
// that import it re-render with the new protocol, or with its errors.
const files = import.meta.glob<string>('/procedures/*.yaml', { query: '?raw', import: 'default', eager: true });

function entry(file: string, text: string): CatalogEntry {
  const result = loadProtocol(text, file);
  return result.ok ? { file, ok: true, protocol: result.protocol } : { file, ok: false, errors: result.errors.map(formatProtocolError) };
}

const catalog = Object.entries(files)
  .map(([path, text]) => entry(path.replace(/^\//, ''), text))
  .sort((a, b) => a.file.localeCompare(b.file));

/**
 * Adds a protocol file that did not ship with the app (an imported file: its text is untrusted and only
 * ever rendered as text). Replaces an earlier file of the same name. Returns how it loaded.
 */
export function addProtocolFile(file: string, text: string): CatalogEntry {
  const loaded = entry(file, text);
  const at = catalog.findIndex((e) => e.file === file);
  if (at >= 0) catalog.splice(at, 1, loaded);
  else catalog.push(loaded);
  catalog.sort((a, b) => a.file.localeCompare(b.file));
  return loaded;
}

export function catalogEntries(): readonly CatalogEntry[] {
  return catalog;
}

export function listProcedures(): Protocol[] {
  return catalog.flatMap((e) => (e.ok ? [e.protocol] : [])).sort((a, b) => a.title.localeCompare(b.title));
}

export function findProcedure(id: string): Protocol | undefined {
  return listProcedures().find((p) => p.id === id);
}
