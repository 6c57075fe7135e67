import { type Protocol, formatProtocolError, loadProtocol } from '../core/procedure/index.ts';

/** A protocol file as the app sees it: loaded, or broken with located errors (shown, never thrown). */
export type CatalogEntry = { file: string; ok: true; protocol: Protocol } | { file: string; ok: false; errors: string[] };

// Every protocol file, bundled as text. In dev, editing one hot-updates this module and the screens
// that import it re-render with the new protocol, or with its errors.
const files = import.meta.glob<string>('/procedures/*.yaml', { query: '?raw', import: 'default', eager: true });

function load(): CatalogEntry[] {
  return Object.entries(files)
    .map(([path, text]): CatalogEntry => {
      const file = path.replace(/^\//, '');
      const result = loadProtocol(text, file);
      return result.ok ? { file, ok: true, protocol: result.protocol } : { file, ok: false, errors: result.errors.map(formatProtocolError) };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

const catalog = load();

export function catalogEntries(): readonly CatalogEntry[] {
  return catalog;
}

export function listProcedures(): Protocol[] {
  return catalog.flatMap((e) => (e.ok ? [e.protocol] : [])).sort((a, b) => a.title.localeCompare(b.title));
}

export function findProcedure(id: string): Protocol | undefined {
  return listProcedures().find((p) => p.id === id);
}
