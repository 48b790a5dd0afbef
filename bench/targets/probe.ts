/**
 * Loaded first into every server under test (forked with --expose-gc): on
 * request it collects garbage and reports the process's memory, so that
 * memory is compared the same way for every server. It also ends the server
 * when the orchestrator goes away, so that no server outlives a run.
 */
type Gc = () => void;

process.on('message', (message: { type?: string; id?: number }) => {
  if (message.type !== 'memory') return;
  const gc = (globalThis as { gc?: Gc }).gc;
  // Twice: the first pass can leave garbage that only finalizers freed.
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  process.send!({
    type: 'memory',
    id: message.id,
    heapUsed: usage.heapUsed,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    rss: usage.rss,
    gc: Boolean(gc),
  });
});
process.on('disconnect', () => process.exit(0));
