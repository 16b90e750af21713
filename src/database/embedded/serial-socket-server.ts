import { createServer, Server, Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

interface Pending {
  connection: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

// Frontend messages after which a client waits for the server: Sync (end of an extended-protocol
// query), Query (simple protocol) and Terminate. A start-up packet has no type byte (its first byte
// is the high byte of its length, 0).
const STARTUP = 0;
const CYCLE_ENDS = new Set(['S'.charCodeAt(0), 'Q'.charCodeAt(0), 'X'.charCodeAt(0), STARTUP]);

// PostgreSQL's idle_in_transaction_session_timeout, for the one case it matters here: a connection
// that holds a transaction, sends nothing, while others wait (code awaiting a second connection
// inside its transaction would otherwise wait forever). Its connection is closed and rolled back.
export const IDLE_IN_TRANSACTION_MS = 30_000;

const NOTIFICATION = 'A'.charCodeAt(0);
const LISTEN = /(?<![A-Za-z_])(UN)?LISTEN\s+("([^"]+)"|[A-Za-z_][\w$]*|\*)/gi;

// The SQL of a simple Query ('Q') or Parse ('P') message.
function sqlOf(message: Uint8Array): string | undefined {
  const type = String.fromCharCode(message[0]);
  if (type !== 'Q' && type !== 'P') return undefined;
  const parts = Buffer.from(message.buffer, message.byteOffset + 5, message.byteLength - 5)
    .toString('utf8')
    .split('\0');
  return type === 'Q' ? parts[0] : parts[1];
}

// NotificationResponse messages in a backend answer, with their channel.
function notificationsIn(answer: Buffer): { channel: string; message: Buffer }[] {
  const found: { channel: string; message: Buffer }[] = [];
  for (let at = 0; at + 5 <= answer.length;) {
    const length = answer.readInt32BE(at + 1);
    if (answer[at] === NOTIFICATION) {
      const message = answer.subarray(at, at + 1 + length);
      found.push({ channel: message.toString('utf8', 9, message.indexOf(0, 9)), message });
    }
    at += 1 + length;
  }
  return found;
}

// The query queue behind pglite-socket's connection handlers. PGlite is one PostgreSQL backend, so
// connections take turns. pglite-socket's own queue interleaves single protocol messages of
// different connections, so one connection's Bind can meet another's Parse ("unnamed prepared
// statement does not exist"); here a connection keeps the database from its first message until
// the server has answered its Sync or Query, and for as long as it has a transaction open.
// PGlite's one session also means a NOTIFY reaches whichever connection happens to run a query;
// here each notification is also passed to the connections that LISTEN on its channel (BullMQ's
// workers wake up that way).
export class SerialQueryQueue {
  private readonly pending: Pending[] = [];
  private owner: number | undefined;
  private running = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Map<string, Set<number>>();

  constructor(
    private readonly db: PGlite,
    private readonly terminate: (connection: number) => void,
    private readonly deliver: (connection: number, message: Buffer) => void,
  ) {}

  private trackListen(connection: number, sql: string | undefined): void {
    if (!sql) return;
    for (const [, un, token, quoted] of sql.matchAll(LISTEN)) {
      const name = quoted ?? token.toLowerCase(); // unquoted names fold to lower case, as in PostgreSQL
      const channels = name === '*' ? [...this.listeners.keys()] : [name];
      for (const channel of channels) {
        const set = this.listeners.get(channel) ?? new Set<number>();
        if (un) set.delete(connection);
        else set.add(connection);
        this.listeners.set(channel, set);
      }
    }
  }

  forget(connection: number): void {
    for (const set of this.listeners.values()) set.delete(connection);
  }

  private route(from: number, answer: Buffer[]): void {
    if (this.listeners.size === 0) return;
    for (const { channel, message } of notificationsIn(Buffer.concat(answer))) {
      for (const connection of this.listeners.get(channel) ?? []) {
        if (connection !== from) this.deliver(connection, message);
      }
    }
  }

  enqueue(connection: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ connection, message, onData, resolve, reject });
      void this.drain();
    });
  }

  private watchIdleOwner(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.owner === undefined || this.pending.length === 0) return;
    const owner = this.owner;
    this.idleTimer = setTimeout(() => {
      if (this.owner !== owner || this.pending.some((p) => p.connection === owner)) return;
      new Logger('EmbeddedDatabase').warn(
        `connection ${owner} kept a transaction open for ${IDLE_IN_TRANSACTION_MS} ms while others waited; closing it`,
      );
      this.terminate(owner);
    }, IDLE_IN_TRANSACTION_MS);
    this.idleTimer.unref();
  }

  getQueueLength(): number {
    return this.pending.length;
  }

  clearQueueForHandler(connection: number): void {
    for (let i = this.pending.length - 1; i >= 0; i -= 1) {
      if (this.pending[i].connection !== connection) continue;
      this.pending[i].reject(new Error('connection closed'));
      this.pending.splice(i, 1);
    }
  }

  // A client that disconnects inside a transaction must not keep the database. (`exec` takes
  // PGlite's query lock itself, which is not re-entrant: inside `runExclusive` it would wait forever.)
  async clearTransactionIfNeeded(connection: number): Promise<void> {
    if (this.owner !== connection) return;
    this.owner = undefined;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    void this.drain();
  }

  // The owner's next message; a start-up packet may go first (it only answers "ready", and leaves any
  // open transaction alone), so a new connection does not time out behind a long transaction.
  private next(): Pending | undefined {
    const index =
      this.owner === undefined
        ? 0
        : this.pending.findIndex((p) => p.connection === this.owner || p.message[0] === STARTUP);
    return index < 0 ? undefined : this.pending.splice(index, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        let bytes = 0;
        const answer: Buffer[] = [];
        try {
          const current = item;
          this.trackListen(current.connection, sqlOf(current.message));
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                answer.push(Buffer.from(data));
                current.onData(data);
              },
            }),
          );
          this.route(current.connection, answer);
        } catch (error) {
          item.reject(error);
          this.owner = undefined;
          continue;
        }
        if (item.message[0] !== STARTUP || this.owner === undefined) {
          const cycleEnded = CYCLE_ENDS.has(item.message[0]);
          this.owner = cycleEnded && !this.db.isInTransaction() ? undefined : item.connection;
        }
        item.resolve(bytes);
      }
    } finally {
      this.running = false;
      this.watchIdleOwner();
    }
  }
}

// A loopback TCP server speaking the PostgreSQL protocol to PGlite through pglite-socket's
// connection handlers and the queue above.
export class SerialSocketServer {
  private readonly queue: SerialQueryQueue;
  private readonly handlers = new Set<PGLiteSocketHandler>();
  private server: Server | undefined;

  private readonly sockets = new Map<number, Socket>();

  constructor(db: PGlite) {
    this.queue = new SerialQueryQueue(
      db,
      (connection) => {
        for (const handler of this.handlers) if (handler.handlerId === connection) void handler.detach(true);
      },
      (connection, message) => {
        const socket = this.sockets.get(connection);
        if (socket?.writable) socket.write(message);
      },
    );
  }

  async listen(host: string, port: number): Promise<number> {
    const server = createServer((socket) => void this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return address.port;
  }

  async close(): Promise<void> {
    for (const handler of this.handlers) await handler.detach(true);
    this.handlers.clear();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async accept(socket: Socket): Promise<void> {
    const handler = new PGLiteSocketHandler({
      // pglite-socket types its queue as its own class; this one has the same public surface.
      queryQueue: this.queue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'],
      closeOnDetach: true,
    });
    this.handlers.add(handler);
    this.sockets.set(handler.handlerId, socket);
    const forget = (): void => {
      this.handlers.delete(handler);
      this.sockets.delete(handler.handlerId);
      this.queue.forget(handler.handlerId);
    };
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    try {
      await handler.attach(socket);
    } catch {
      forget();
      socket.destroy();
    }
  }
}
