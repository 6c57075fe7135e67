/**
 * Text taken from an input file, made fit for a one-line message: line breaks (CR, LF, NEL, U+2028, U+2029)
 * and other control characters are written as escapes, and long text is cut, so that a hostile file can
 * neither split a message over several lines nor flood the terminal.
 */
export const MAX_MESSAGE_CHARS = 400;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function oneLine(text: string, max = MAX_MESSAGE_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
