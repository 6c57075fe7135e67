/**
 * Trajectory files: CSV with a header naming the columns t, x, y, z (seconds, metres) and optionally
 * hand (splits the rows into tracks), in_view (1/0 or true/false) and force (N). Blank lines and lines
 * starting with # are skipped. Any other bad row is an error that names its line.
 */
export class TrajectoryCsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export interface NamedTrack {
  /** The hand column's value, or "all" without one. */
  hand: string;
  track: { t: number[]; x: number[]; y: number[]; z: number[]; inView: boolean[]; force: number[] };
}

const REQUIRED = ['t', 'x', 'y', 'z'] as const;
const OPTIONAL = ['hand', 'in_view', 'force'] as const;

/** Tracks in the order their hands first appear. */
export function parseTrajectoryCsv(text: string): NamedTrack[] {
  const lines = text.split(/\r?\n/);
  let headerLine = lines.findIndex((l) => !skip(l));
  if (headerLine < 0) throw new TrajectoryCsvError(1, 'empty file: expected a header with the columns t,x,y,z');
  const header = split(lines[headerLine]!).map((h) => h.toLowerCase());
  const column = (name: string): number => header.indexOf(name);
  headerLine += 1;
  for (const name of REQUIRED) {
    if (column(name) < 0) throw new TrajectoryCsvError(headerLine, `the header has no column '${name}' (expected t,x,y,z[,hand][,in_view][,force])`);
  }
  const unknown = header.filter((h) => !(REQUIRED as readonly string[]).includes(h) && !(OPTIONAL as readonly string[]).includes(h));
  if (unknown.length) throw new TrajectoryCsvError(headerLine, `unknown column '${unknown[0]}'`);

  const tracks: NamedTrack[] = [];
  for (let i = headerLine; i < lines.length; i++) {
    const raw = lines[i]!;
    if (skip(raw)) continue;
    const lineNo = i + 1;
    const fields = split(raw);
    if (fields.length !== header.length) {
      throw new TrajectoryCsvError(lineNo, `expected ${header.length} fields, found ${fields.length}`);
    }
    const num = (name: string): number => {
      const text = fields[column(name)]!;
      const value = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(value)) throw new TrajectoryCsvError(lineNo, `${name} is not a finite number: '${text}'`);
      return value;
    };
    const hand = column('hand') >= 0 ? fields[column('hand')]! : 'all';
    if (hand === '') throw new TrajectoryCsvError(lineNo, 'hand is empty');
    let named = tracks.find((n) => n.hand === hand);
    if (!named) {
      named = { hand, track: { t: [], x: [], y: [], z: [], inView: [], force: [] } };
      tracks.push(named);
    }
    const tr = named.track;
    const t = num('t');
    const previous = tr.t.at(-1);
    if (previous !== undefined && !(t > previous)) {
      throw new TrajectoryCsvError(lineNo, `t = ${t} does not increase (previous sample of hand '${hand}' at ${previous})`);
    }
    tr.t.push(t);
    tr.x.push(num('x'));
    tr.y.push(num('y'));
    tr.z.push(num('z'));
    tr.inView.push(column('in_view') >= 0 ? flag(fields[column('in_view')]!, lineNo) : true);
    tr.force.push(column('force') >= 0 ? num('force') : 0);
  }
  if (tracks.length === 0) throw new TrajectoryCsvError(headerLine, 'no samples after the header');
  return tracks;
}

function skip(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

function split(line: string): string[] {
  return line.split(',').map((f) => f.trim());
}

function flag(text: string, line: number): boolean {
  const lower = text.toLowerCase();
  if (lower === '1' || lower === 'true') return true;
  if (lower === '0' || lower === 'false') return false;
  throw new TrajectoryCsvError(line, `in_view must be 1, 0, true or false: '${text}'`);
}
