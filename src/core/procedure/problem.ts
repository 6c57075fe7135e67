/** Where in a protocol file a problem is (keys and indices from the top), and what it is. */
export type Path = (string | number)[];
export interface Problem {
  path: Path;
  message: string;
  /** Point at the key itself rather than its value. */
  atKey?: boolean;
}
