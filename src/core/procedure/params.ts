/**
 * Protocol parameters: the configurable numbers and lists a protocol names once (`parameters:`) and
 * refers to as `$name` anywhere a value is expected. A variant (virtual patient) may override them.
 */
import { z } from 'zod';

export type ParamValue = number | string | boolean | string[];
export type Params = Readonly<Record<string, ParamValue>>;

export const PARAM_REF = /^\$[A-Za-z][A-Za-z0-9]*$/;
export const ParamRef = z.string().regex(PARAM_REF, 'a parameter reference looks like $name');
/** A number, or `$name` of a numeric parameter. */
export const Num = z.union([z.number(), ParamRef]);
export type Num = z.infer<typeof Num>;
/** An id, `$name` of a parameter, or a list of ids. */
export const Names = z.union([z.string(), z.array(z.string()).min(1)]);
export type Names = z.infer<typeof Names>;
export const ParamValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]);

export function isParamRef(x: unknown): x is string {
  return typeof x === 'string' && PARAM_REF.test(x);
}

/** A numeric value; NaN when a reference does not resolve to a number (which then compares false). */
export function num(value: Num, params: Params): number {
  if (typeof value === 'number') return value;
  const resolved = params[value.slice(1)];
  return typeof resolved === 'number' ? resolved : NaN;
}

/** The ids a Names value stands for, with parameter references expanded. */
export function names(value: Names, params: Params): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (list.length === 1 && !isParamRef(list[0])) return list;
  return list.flatMap((item) => {
    if (!isParamRef(item)) return [item];
    const resolved = params[item.slice(1)];
    if (typeof resolved === 'string') return [resolved];
    return Array.isArray(resolved) ? resolved : [];
  });
}

export function bool(value: boolean | string, params: Params): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const resolved = params[value.slice(1)];
  return typeof resolved === 'boolean' ? resolved : undefined;
}
