/** A `scrub` subcommand. Commands print their own output and return the process exit code. */
export interface Command {
  name: string;
  /** One line for `scrub help`. */
  summary: string;
  usage: string;
  run: (args: string[]) => Promise<number> | number;
}

/** An error meant for the user: printed as its message alone, never with a stack trace. */
export class UsageError extends Error {}
