/**
 * The text format of iCalendar (RFC 5545) that a calendar file needs: values,
 * parameters, date-times, calendar addresses and line folding. No content.
 */

/** A UTC date-time in iCalendar's basic format: 20261201T090000Z. */
export function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function text(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n?|\n/g, '\\n');
}

/**
 * A parameter value (RFC 5545 §3.2), always quoted: a quoted-string may hold
 * ';', ':' and ',' but no DQUOTE and no control character, so those are
 * replaced rather than escaped (parameters have no escapes).
 */
export function param(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a parameter may not hold
  return `"${value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/"/g, "'")}"`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A user's calendar address (CAL-ADDRESS, a URI): we hold no e-mail
 * addresses, so the user's id as a `urn:uuid:` URN (RFC 4122), or for an id
 * that is no UUID a tag URI (RFC 4151) of the workspace.
 */
export function calendarAddress(userId: string): string {
  return UUID.test(userId) ? `urn:uuid:${userId.toLowerCase()}` : `tag:consultatiewerkplek,2026:user:${encodeURIComponent(userId)}`;
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back off continuation bytes (10xxxxxx) so a character is never split.
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // the leading space of a continuation line counts
  }
  return parts.join('\r\n ');
}

/** Content lines as a file: each folded, each ended by CRLF. */
export function contentLines(lines: readonly string[]): string {
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
