import { COMMON_PASSWORDS } from './commonPasswords.ts';

/**
 * The rule for a new account's password (docs/security.md), beyond its length: not a
 * common password (also not one under added digits, symbols or l33t
 * spelling: "Welkom2024!", "P@ssw0rd123"), not mostly one character or a
 * short pattern repeated ("aaaaaaaaaa", "abcabcabcabc"), not a simple
 * sequence ("1234567890", "qwertyuiop", "abcdefghij"), and not containing the
 * username. Applies to accounts created through the API and the admin
 * command line (CreateUserInput); the seeded demo accounts write their hash
 * directly and keep `demo`.
 */
export const PASSWORD_RULE = {
  minLength: 10,
  /** A common password found under added characters counts when at least this long ("love" in "love12345678"). */
  minCommonCore: 4,
  /** Fewer distinct characters than this is repetitive. */
  minDistinctCharacters: 5,
  /** Runs along a sequence (3 characters or more) covering this share of the password make it a sequence. */
  maxSequenceShare: 0.7,
} as const;

export const PASSWORD_PROBLEMS = {
  common: 'too common',
  repetitive: 'too repetitive (mostly one character or a repeated pattern)',
  sequence: 'a simple sequence (like 1234567890 or qwertyuiop)',
  username: 'contains the username',
} as const;

/** The problem with `password` for the account `username`, or null when it passes the rule (length is checked apart). */
export function passwordProblem(password: string, username: string): string | null {
  const lower = password.normalize('NFKC').toLowerCase();
  if (isCommon(lower)) return PASSWORD_PROBLEMS.common;
  if (isRepetitive([...lower])) return PASSWORD_PROBLEMS.repetitive;
  if (isSequence([...lower])) return PASSWORD_PROBLEMS.sequence;
  if (containsUsername(lower, username.toLowerCase())) return PASSWORD_PROBLEMS.username;
  return null;
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

function isCommon(lower: string): boolean {
  const unleet = [...lower].map((char) => LEET[char] ?? char).join('');
  const candidates = [
    lower,
    unleet,
    // A common password with digits or symbols around it.
    lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''),
    lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''),
    // Only the trailing characters turned back: "p@ssw0rd" + "123".
    [...lower.replace(/[^\p{L}]+$/u, '')].map((char) => LEET[char] ?? char).join(''),
  ];
  return candidates.some((candidate) => candidate.length >= PASSWORD_RULE.minCommonCore && COMMON_PASSWORDS.has(candidate));
}

function isRepetitive(chars: string[]): boolean {
  const counts = new Map<string, number>();
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  if (counts.size < PASSWORD_RULE.minDistinctCharacters) return true;
  if (Math.max(...counts.values()) > chars.length / 2) return true;
  // A unit of at most half the length, repeated (the last repeat may be cut short): "passpasspass", "Xy12Xy12Xy".
  for (let period = 1; period <= chars.length / 2; period++) {
    let periodic = true;
    for (let i = period; i < chars.length && periodic; i++) periodic = chars[i] === chars[i - period];
    if (periodic) return true;
  }
  return false;
}

/** Alphabet, digits (0 after 9, as on a keyboard), and keyboard rows (qwerty, azerty, qwertz). */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'azertyuiop',
  'qsdfghjklm',
  'wxcvbn',
  'qwertzuiop',
  'yxcvbnm',
];

function isSequence(chars: string[]): boolean {
  // steps[i]: chars[i] -> chars[i + 1] goes one forward (1) or back (-1) along a sequence, or neither (0).
  const steps = chars.slice(1).map((char, i) => stepBetween(chars[i]!, char));
  const covered = new Array<boolean>(chars.length).fill(false);
  for (let i = 0; i < steps.length;) {
    let j = i;
    while (j + 1 < steps.length && steps[j + 1] === steps[i]) j++;
    // Steps i..j join characters i..j+1: a run of 3 characters or more counts.
    if (steps[i] !== 0 && j - i + 2 >= 3) covered.fill(true, i, j + 2);
    i = j + 1;
  }
  return covered.filter(Boolean).length >= PASSWORD_RULE.maxSequenceShare * chars.length;
}

function stepBetween(a: string, b: string): number {
  if (SEQUENCES.some((sequence) => sequence.includes(a + b))) return 1;
  if (SEQUENCES.some((sequence) => sequence.includes(b + a))) return -1;
  return 0;
}

function containsUsername(lower: string, username: string): boolean {
  if (lower.includes(username)) return true;
  const compact = username.replace(/[._-]/g, '');
  if (compact.length >= 3 && lower.includes(compact)) return true;
  // "j.devries" in "devries2024!": a part of four characters or more.
  return username.split(/[._-]/).some((part) => part.length >= 4 && lower.includes(part));
}
