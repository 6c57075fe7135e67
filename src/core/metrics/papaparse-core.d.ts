/**
 * The part of papaparse the core uses (parsing a string row by row), typed for the core's typecheck
 * (tsconfig.core.json maps 'papaparse' here): @types/papaparse references Node's types, which the core
 * must not see. The app's typecheck reads @types/papaparse itself.
 */
export interface ParseStepResult<T> {
  data: T;
  errors: { message: string }[];
  meta: { cursor: number };
}

export interface Parser {
  abort(): void;
}

export interface ParseConfig<T> {
  delimiter?: string;
  comments?: string | false;
  skipEmptyLines?: boolean | 'greedy';
  step?: (result: ParseStepResult<T>, parser: Parser) => void;
}

declare const Papa: {
  parse<T>(input: string, config: ParseConfig<T>): unknown;
};
export default Papa;
