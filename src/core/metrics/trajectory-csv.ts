/**
 * Trajectory files: CSV (RFC 4180, read with papaparse, so quoted fields may hold commas, quotes and line
 * breaks) with a header naming the columns t, x, y, z (seconds, metres) and optionally hand (splits the rows
 * into tracks), in_view (1/0 or true/false) and force (N). Blank lines and lines starting with # are skipped.
 * Any other bad row is an error that names its line and field, on one line of text. The bounds below keep
 * every metric finite (docs/limits.md).
 */
import Papa from 'papaparse';
import { oneLine } from '../kernel/one-line.ts';

/** |t| in seconds, and the shortest step between two samples of one hand (1 MHz). */
export const MAX_ABS_TIME_S = 1e7;
export const MIN_SAMPLE_STEP_S = 1e-6;
/** |x|, |y|, |z| in metres; |force| in newtons. */
export const MAX_ABS_POSITION_M = 1e3;
export const MAX_ABS_FORCE_N = 1e6;

export class TrajectoryCsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${oneLine(message)}`);
  }
}

export interface NamedTrack {
  /** The hand column's value, or "all" without one. */
  hand: string;
  track: { t: number[]; x: number[]; y: number[]; z: number[]; inView: boolean[]; force: number[] };
}

const REQUIRED = ['t', 'x', 'y', 'z'] as const;
const OPTIONAL = ['hand', 'in_view', 'force'] as const;
/** A plain decimal number: no hex, no Infinity, no blanks (which Number() would all accept). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOUNDS: Record<string, number> = { t: MAX_ABS_TIME_S, x: MAX_ABS_POSITION_M, y: MAX_ABS_POSITION_M, z: MAX_ABS_POSITION_M, force: MAX_ABS_FORCE_N };

interface Row {
  fields: string[];
  line: number;
  error?: string;
}

/**
 * Hands each row to `onRow` as papaparse reads it, with the line it starts on (a quoted field may span lines);
 * comments and blank lines dropped. Rows are not kept: a long file's rows never all sit in memory at once.
 * Stops at the first row `onRow` throws on, and throws that.
 */
function readRows(text: string, onRow: (row: Row) => void): void {
  let counted = 0;
  let linesBefore = 0;
  let failure: unknown = null;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    comments: '#',
    skipEmptyLines: false,
    step: (result, parser) => {
      const end = result.meta.cursor;
      for (; counted < end; counted++) if (text.charCodeAt(counted) === 10) linesBefore++;
      const fields = result.data.map((f) => f.trim());
      // The cursor is past the row's own line break, if it has one; breaks inside quoted fields are the row's too.
      const inside = result.data.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0) + (text.charCodeAt(end - 1) === 10 ? 1 : 0);
      if (fields.length === 1 && fields[0] === '') return;
      const row: Row = { fields, line: linesBefore + 1 - inside };
      const problem = result.errors[0];
      if (problem !== undefined) row.error = problem.message;
      try {
        onRow(row);
      } catch (e) {
        failure = e;
        parser.abort();
      }
    },
  });
  if (failure !== null) throw failure;
}

/** The header's column names, lower case, checked: t, x, y, z present, nothing unknown, nothing twice. */
function readHeader(head: Row): string[] {
  if (head.error !== undefined) throw new TrajectoryCsvError(head.line, head.error);
  const header = head.fields.map((h) => h.toLowerCase());
  for (const name of REQUIRED) {
    if (!header.includes(name)) throw new TrajectoryCsvError(head.line, `the header has no column '${name}' (expected t,x,y,z[,hand][,in_view][,force])`);
  }
  header.forEach((h, i) => {
    if (!(REQUIRED as readonly string[]).includes(h) && !(OPTIONAL as readonly string[]).includes(h))
      throw new TrajectoryCsvError(head.line, `unknown column '${h}'`);
    if (header.indexOf(h) !== i) throw new TrajectoryCsvError(head.line, `column '${h}' appears twice`);
  });
  return header;
}

/** Tracks in the order their hands first appear. */
export function parseTrajectoryCsv(text: string): NamedTrack[] {
  let header: string[] | null = null;
  let headLine = 1;
  const tracks = new Map<string, NamedTrack>();
  const addSample = ({ fields, line, error }: Row, columns: string[]): void => {
    if (error !== undefined) throw new TrajectoryCsvError(line, error);
    if (fields.length !== columns.length) throw new TrajectoryCsvError(line, `expected ${columns.length} fields, found ${fields.length}`);
    const column = (name: string): number => columns.indexOf(name);
    const num = (name: string): number => {
      const text = fields[column(name)]!;
      const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
      if (!Number.isFinite(value)) throw new TrajectoryCsvError(line, `${name} is not a decimal number: '${text}'`);
      if (Math.abs(value) > BOUNDS[name]!) throw new TrajectoryCsvError(line, `${name} is beyond ±${BOUNDS[name]}: ${text}`);
      return value;
    };
    const hand = column('hand') >= 0 ? fields[column('hand')]! : 'all';
    if (hand === '') throw new TrajectoryCsvError(line, 'hand is empty');
    let named = tracks.get(hand);
    if (!named) {
      named = { hand, track: { t: [], x: [], y: [], z: [], inView: [], force: [] } };
      tracks.set(hand, named);
    }
    const tr = named.track;
    const t = num('t');
    const previous = tr.t.at(-1);
    if (previous !== undefined && !(t - previous >= MIN_SAMPLE_STEP_S)) {
      throw new TrajectoryCsvError(line, `t = ${t} does not increase by at least ${MIN_SAMPLE_STEP_S} s (previous sample of hand '${hand}' at ${previous})`);
    }
    tr.t.push(t);
    tr.x.push(num('x'));
    tr.y.push(num('y'));
    tr.z.push(num('z'));
    tr.inView.push(column('in_view') >= 0 ? flag(fields[column('in_view')]!, line) : true);
    tr.force.push(column('force') >= 0 ? num('force') : 0);
  };
  readRows(text.replace(/^\uFEFF/, ''), (row) => {
    if (header === null) {
      header = readHeader(row);
      headLine = row.line;
    } else addSample(row, header);
  });
  if (header === null) throw new TrajectoryCsvError(1, 'empty file: expected a header with the columns t,x,y,z');
  if (tracks.size === 0) throw new TrajectoryCsvError(headLine, 'no samples after the header');
  return [...tracks.values()];
}

function flag(text: string, line: number): boolean {
  const lower = text.toLowerCase();
  if (lower === '1' || lower === 'true') return true;
  if (lower === '0' || lower === 'false') return false;
  throw new TrajectoryCsvError(line, `in_view must be 1, 0, true or false: '${text}'`);
}
