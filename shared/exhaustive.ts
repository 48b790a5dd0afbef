/**
 * Ends a `switch` over a discriminated union: `default: return exhaustive(x)`.
 * The compiler refuses the call while a member of the union has no case, and
 * at run time a value from outside the union (an old log, a newer client)
 * fails loudly instead of falling through as if nothing happened.
 */
export function exhaustive(value: never): never {
  throw new Error(`Unhandled case: ${discriminant(value)}`);
}

/** Only the discriminant: the rest of an event or a message may hold medical text, which no log may carry. */
function discriminant(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    for (const key of ['type', 'kind', 'holder'] as const) if (key in value) return `${key} ${String((value as Record<string, unknown>)[key])}`;
    return 'an object without a discriminant';
  }
  return String(value);
}
