import { expect } from 'vitest';
import { ScrubFileError } from '../../src/core/recording/scrub-file.ts';

/** Expects `f` to throw a ScrubFileError with this code and a message matching `message`. */
export function expectScrubError(f: () => unknown, code: string, message: RegExp): void {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ScrubFileError);
    expect((error as ScrubFileError).code).toBe(code);
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a ScrubFileError');
}
