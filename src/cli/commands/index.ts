import type { Command } from '../command.ts';

/** Every `scrub` subcommand. A new one is a file in this folder and one line here. */
export const commands: Command[] = [];
