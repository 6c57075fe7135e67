import { parse } from 'yaml';

/** What the home screen shows of a protocol. */
export interface ProcedureSummary {
  id: string;
  title: string;
  estimatedMinutes: number;
  difficulty: string;
  scene: string;
  file: string;
}

// Every protocol file, bundled as text; in dev, editing one hot-updates this module.
const files = import.meta.glob<string>('/procedures/*.yaml', { query: '?raw', import: 'default', eager: true });

export function listProcedures(): ProcedureSummary[] {
  return Object.entries(files)
    .map(([file, text]) => {
      const doc = parse(text) as Record<string, unknown>;
      return {
        id: String(doc.id),
        title: String(doc.title),
        estimatedMinutes: Number(doc.estimatedMinutes),
        difficulty: String(doc.difficulty),
        scene: String(doc.scene),
        file: file.replace(/^\//, ''),
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}
