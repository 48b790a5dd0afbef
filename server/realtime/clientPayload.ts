import type { z } from 'zod';
import type { JoinAck, JoinResult } from '../../shared/realtime.ts';

/** A client event's arguments as its schema reads them, or the refusal that says what was wrong. */
export type Parsed<T> = { ok: true; payload: T } | Extract<JoinResult, { ok: false }>;

/** Parses a client event's arguments; a refusal carries the message of the first problem. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): Parsed<T> {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, payload: result.data };
  return { ok: false, error: result.error.issues[0]?.message ?? result.error.message };
}

/** The acknowledgement the client asked for; without one (or with something else), nobody is told. */
export function ackOf(ack: unknown): JoinAck {
  return typeof ack === 'function' ? (result) => void (ack as JoinAck)(result) : () => undefined;
}
