/** The content codings the built client is precompressed in, in the order the server prefers them. */
export const PRECOMPRESSED_CODINGS = ['br', 'gzip'] as const;
export type Precompressed = (typeof PRECOMPRESSED_CODINGS)[number];

/**
 * The coding to send, from those available, by the client's Accept-Encoding
 * (RFC 9110 §12.5.3): the highest q-value wins, `*` stands for any coding
 * not named, q=0 refuses; ties go to the server's order (brotli is smaller).
 * Null: send the file as it is.
 */
export function chooseCoding(acceptEncoding: string | undefined, available: ReadonlySet<Precompressed>): Precompressed | null {
  const weights = parseAcceptEncoding(acceptEncoding ?? '');
  let best: Precompressed | null = null;
  let bestWeight = 0;
  for (const coding of PRECOMPRESSED_CODINGS) {
    if (!available.has(coding)) continue;
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** coding -> q-value; `x-gzip` is gzip (RFC 9110 §8.4.1.3). */
function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? Math.min(Math.max(weight, 0), 1) : 0);
  }
  return weights;
}
