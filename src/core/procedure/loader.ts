/**
 * Loads a protocol from YAML text: parse (keeping source positions), validate against the schema,
 * then check references. Every problem comes back located (file:line:col); nothing is thrown.
 */
import { LineCounter, isMap, isPair, isScalar, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { checkReferences } from './references.ts';
import type { Path, Problem } from './problem.ts';
import { ProtocolSchema, type Protocol } from './schema.ts';
import { didYouMean } from '../kernel/suggest.ts';
import { oneLine } from '../kernel/one-line.ts';

/** Deepest nesting of mappings and lists a protocol file may have (the shipped ones reach about 12). */
export const MAX_NESTING = 128;
/** Largest protocol file read, in characters (the shipped ones are under 40,000). */
export const MAX_PROTOCOL_CHARS = 2_000_000;

export interface ProtocolError {
  file: string;
  line: number;
  col: number;
  message: string;
}

export type LoadResult = { ok: true; protocol: Protocol } | { ok: false; errors: ProtocolError[] };

/** `file:line:col: message`, the form editors and terminals link to. */
export function formatProtocolError(e: ProtocolError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}

export function loadProtocol(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const at = (offset: number, message: string): ProtocolError => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, col: pos.col, message: oneLine(message) };
  };
  if (text.length > MAX_PROTOCOL_CHARS) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          col: 1,
          message: `the file has ${text.length.toLocaleString('en')} characters, more than a protocol may (${MAX_PROTOCOL_CHARS.toLocaleString('en')})`,
        },
      ],
    };
  }
  const deepAt = flowNestedDeeperThan(text, MAX_NESTING);
  if (deepAt >= 0) {
    // Not parsed, so the line counter is empty: locate by hand.
    const before = text.slice(0, deepAt);
    const line = before.split('\n').length;
    const message = `nested more than ${MAX_NESTING} levels deep`;
    return { ok: false, errors: [{ file, line, col: deepAt - before.lastIndexOf('\n'), message }] };
  }
  let doc: Document.Parsed;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) return { ok: false, errors: doc.errors.map((e) => at(e.pos[0], yamlProblem(e.message))) };
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { ok: false, errors: [at(0, `cannot read YAML: ${yamlProblem(error instanceof Error ? error.message : String(error))}`)] };
  }
  const tooDeep = pathDeeperThan(data, MAX_NESTING);
  if (tooDeep !== null) {
    return { ok: false, errors: [at(offsetOf(doc, { path: tooDeep, message: '' }), `nested more than ${MAX_NESTING} levels deep`)] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, errors: [{ file, line: 1, col: 1, message: 'a protocol file is a YAML mapping (id: …, title: …, steps: …)' }] };
  }
  const parsed = ProtocolSchema.safeParse(data);
  const problems: Problem[] = parsed.success ? checkReferences(parsed.data) : parsed.error.issues.flatMap((i) => describeIssue(i, data));
  if (parsed.success && problems.length === 0) return { ok: true, protocol: parsed.data };
  const errors = problems.map((p) => at(offsetOf(doc, p), `${pathText(p.path)}${p.message}`));
  errors.sort((a, b) => a.line - b.line || a.col - b.col);
  return { ok: false, errors };
}

/** The yaml library's message, first line only; a parser stack overflow said as the nesting it is. */
function yamlProblem(message: string): string {
  if (/call stack/i.test(message)) return `nested more than ${MAX_NESTING} levels deep`;
  return message.split('\n')[0] ?? message;
}

/**
 * The offset where flow brackets ([ {) first nest deeper than `limit` outside quotes and comments, or -1. The
 * yaml parser recurses on them, and after a stack overflow there V8 has aborted the whole process on a later
 * parse (out of memory compiling a regular expression), so such text is refused before it is parsed. A guard,
 * not a parser: it may miss brackets (after an apostrophe in plain text), which the nesting check then catches.
 */
function flowNestedDeeperThan(text: string, limit: number): number {
  let depth = 0;
  let quote = '';
  let previous = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && /[\s:,[{\-?]/.test(previous)) quote = c;
    else if (c === '#' && /\s/.test(previous)) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    previous = c;
  }
  return -1;
}

/** The path to the first value nested deeper than `limit`, or null; iterative, so depth cannot overflow the stack. */
function pathDeeperThan(data: unknown, limit: number): Path | null {
  const stack: { value: unknown; path: Path }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= limit) return path;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return null;
}

function pathText(path: Path): string {
  if (path.length === 0) return '';
  return `${path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('')}: `;
}

/** Turns one zod issue into located problems with plain messages. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown, base: Path = []): Problem[] {
  const path = [...base, ...(issue.path as Path)];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(data, path);
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key '${key}'${didYouMean(key, allowed)}`, atKey: true }));
    }
    case 'invalid_type': {
      const value = valueAt(data, path);
      if (value === undefined) return [{ path, message: `missing required field '${String(path[path.length - 1])}'` }];
      return [{ path, message: `expected ${issue.expected}, got ${describe(value)}` }];
    }
    case 'invalid_union': {
      // Report the branch that got furthest (no type mismatch at the top); otherwise list what fits.
      const branches = issue.errors.filter((errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0));
      const best = branches.sort((a, b) => a.length - b.length)[0];
      if (best !== undefined) return best.flatMap((e) => describeIssue(e, data, path));
      const expected = [...new Set(issue.errors.flatMap((errs) => errs.map((e) => (e.code === 'invalid_type' ? e.expected : 'another value'))))];
      return [{ path, message: `expected ${expected.join(' or ')}, got ${describe(valueAt(data, path))}` }];
    }
    case 'invalid_value': {
      const value = valueAt(data, path);
      if (value === undefined) return [{ path, message: `missing required field '${String(path[path.length - 1])}'` }];
      return [{ path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** The keys the schema allows at `path` (for did-you-mean): walks the zod schema alongside the data. */
function allowedKeys(_data: unknown, path: Path): string[] {
  let schemas: z.core.$ZodType[] = [ProtocolSchema];
  for (const key of path) schemas = schemas.flatMap((s) => childSchemas(s, key));
  return [...new Set(schemas.flatMap((s) => objectKeys(s)))];
}

function unwrap(s: z.core.$ZodType): z.core.$ZodType[] {
  const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly') return unwrap(def.innerType as z.core.$ZodType);
  if (def.type === 'union') return (def.options as z.core.$ZodType[]).flatMap(unwrap);
  if (def.type === 'pipe') return unwrap(def.in as z.core.$ZodType);
  return [s];
}

function childSchemas(s: z.core.$ZodType, key: string | number): z.core.$ZodType[] {
  return unwrap(s).flatMap((u) => {
    const def = u._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      return typeof key === 'string' && Object.hasOwn(shape, key) ? [shape[key]!] : [];
    }
    if (def.type === 'array' && typeof key === 'number') return [def.element as z.core.$ZodType];
    if (def.type === 'record' && typeof key === 'string') return [def.valueType as z.core.$ZodType];
    if (def.type === 'tuple' && typeof key === 'number') return [(def.items as z.core.$ZodType[])[key]].filter((x) => x !== undefined);
    return [];
  });
}

function objectKeys(s: z.core.$ZodType): string[] {
  return unwrap(s).flatMap((u) => {
    const def = u._zod.def as unknown as Record<string, unknown> & { type: string };
    return def.type === 'object' ? Object.keys(def.shape as object) : [];
  });
}

/** Source offset of the node at `path`, or of the nearest ancestor present in the document. */
function offsetOf(doc: Document.Parsed, problem: Problem): number {
  const path = problem.path;
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    if (problem.atKey && depth === path.length && depth > 0) {
      const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === path[path.length - 1]);
        const keyNode = pair?.key as Node | undefined;
        if (keyNode?.range) return keyNode.range[0];
      }
      continue;
    }
    const node = (depth === 0 ? doc.contents : doc.getIn(prefix, true)) as Node | null | undefined;
    if (node?.range) return node.range[0];
  }
  return 0;
}
