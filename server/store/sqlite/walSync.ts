import { close, fsync, open } from 'node:fs';
import { promisify } from 'node:util';

/**
 * The file layer the WAL sync uses: Node's own by default; a test double can
 * stand in to observe what a power loss would keep (see test/integration/powerLoss.test.ts).
 */
export interface FileSync {
  open(path: string): Promise<number>;
  /** Flushes the file's written data to the disk (fsync(2): the whole file, whichever descriptor wrote it). */
  sync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
}

const openFile = promisify(open);
const fsyncFile = promisify(fsync);
const closeFile = promisify(close);

export const nodeFileSync: FileSync = {
  open: (path) => openFile(path, 'r'),
  sync: (fd) => fsyncFile(fd),
  close: (fd) => closeFile(fd),
};

interface Round {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function newRound(): Round {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Group fsync of the SQLite write-ahead log. The hot writes commit with
 * `synchronous=NORMAL`: once a commit returns, its frames are in the WAL file
 * in the operating system (they survive a killed process) but not yet on the
 * disk. `sync()` resolves once an fsync of the WAL that began after the call
 * has returned, so everything committed before it survives a power loss. One
 * fsync runs at a time, on libuv's thread pool, off the event loop; every
 * call made meanwhile shares the next one.
 *
 * fsync applies to the file, not the descriptor, so a descriptor of our own
 * flushes what SQLite's connections wrote. SQLite keeps the WAL file (and its
 * inode) while any connection is open; a checkpoint restarts it in place.
 */
export class WalSync {
  private fd: Promise<number> | null = null;
  private next: Round | null = null;
  private running: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly walPath: string,
    private readonly files: FileSync = nodeFileSync,
  ) {}

  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.next ??= newRound();
    const { promise } = this.next;
    this.running ??= this.run();
    return promise;
  }

  /** Waits for the fsync in flight (and the one queued behind it), then closes the descriptor. */
  async close(): Promise<void> {
    while (this.running) await this.running;
    if (this.fd) await this.files.close(await this.fd).catch(() => undefined);
    this.fd = null;
  }

  private async run(): Promise<void> {
    while (this.next) {
      const round = this.next;
      this.next = null;
      try {
        this.fd ??= this.files.open(this.walPath);
        await this.files.sync(await this.fd);
        round.resolve();
      } catch (error) {
        // A failed fsync leaves the disk's state unknown (the kernel may have dropped the pages): nothing is acknowledged any more.
        this.failure = error instanceof Error ? error : new Error(String(error));
        round.reject(this.failure);
        // Calls made during the failed fsync wait in `next` (TypeScript cannot see the await set it).
        (this.next as Round | null)?.reject(this.failure);
        this.next = null;
      }
    }
    this.running = null;
  }
}
