import type { Command } from '../command.ts';
import { check } from './check.ts';
import { grade } from './grade.ts';
import { metrics } from './metrics.ts';
import { simulate } from './simulate.ts';
import { verify } from './verify.ts';

/** Every `scrub` subcommand. A new one is a file in this folder and one line here. */
export const commands: Command[] = [check, grade, metrics, simulate, verify];
