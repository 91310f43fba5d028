/**
 * Bounds on what goes into a log line, so that a client cannot make the log
 * hold what it sends: a 100,000-character version string or URL is logged
 * as its first characters and how many more there were.
 */

/** Default longest field, in characters. */
export const MAX_LOG_FIELD = 200;
/** Longest log message, in characters: a backstop for fields nobody bounded. */
export const MAX_LOG_MESSAGE = 4000;

/** The value, cut to `max` characters with a note of how many were left out; control characters shown escaped. */
export function boundField(value: unknown, max = MAX_LOG_FIELD): string {
  const text = String(value ?? '');
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  // A newline or escape sequence inside a field must not forge a log line or colour a terminal.
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n');
}

/** A whole message cut to MAX_LOG_MESSAGE characters (newlines kept: stack traces span lines). */
export function boundMessage(message: string): string {
  return message.length > MAX_LOG_MESSAGE ? `${message.slice(0, MAX_LOG_MESSAGE)}… (${message.length - MAX_LOG_MESSAGE} more characters)` : message;
}
