import type { AuditRow } from '../../../shared/admin.ts';

/** The columns of the audit export, in order (docs/contract.md). */
const COLUMNS = [
  'at',
  'userId',
  'username',
  'role',
  'caseId',
  'object',
  'action',
  'outcome',
  'detail',
  'ip',
  'userAgent',
  'organisationId',
] as const satisfies readonly (keyof AuditRow)[];

/**
 * One CSV cell (RFC 4180): always quoted, quotes doubled. A cell a spreadsheet
 * would run as a formula (starting with = + - @, or a tab or carriage return
 * before one) gets a leading apostrophe, so that a user agent or username an
 * attacker chose is shown, never evaluated.
 */
export function csvCell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The rows as CSV with a header line, lines ended by CRLF. */
export function auditCsv(rows: readonly AuditRow[]): string {
  const lines = [COLUMNS.map((column) => csvCell(column)), ...rows.map((row) => COLUMNS.map((column) => csvCell(row[column])))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}
