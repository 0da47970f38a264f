import { createServer, Socket, type Server } from 'node:net';

/** A TCP proxy in front of a Redis that can lose the connection right after a chosen command. */
export interface CuttingProxy {
  readonly port: number;
  /** Every command a client sent through it (its name, upper case, and its first arguments), in order, PINGs left out. */
  readonly commands: string[];
  /** True once the cut happened. */
  cut(): boolean;
  close(): Promise<void>;
}

/**
 * Forwards clients to Redis on `redisPort` command by command (it reads the client's side as RESP:
 * arrays of bulk strings, as ioredis writes them). With `cutAfter` k, once the k-th command (PINGs
 * not counted: the link's watchdog sends them on a timer) has been forwarded whole, every
 * connection is destroyed and new ones are refused: Redis has executed exactly the first k commands
 * (a MULTI cut before its EXEC is discarded by Redis), as when the network or Redis goes away at
 * that point. The client's watchdog then gives up (`queue_unavailable`).
 */
export async function startCuttingProxy(redisPort: number, cutAfter?: number): Promise<CuttingProxy> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  let isCut = false;
  const cutNow = () => {
    isCut = true;
    for (const s of sockets) s.destroy();
  };
  const server: Server = createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.connect(redisPort, '127.0.0.1');
    upstream.on('data', (d: Buffer) => {
      if (!isCut) client.write(d);
    });
    let pending = Buffer.alloc(0);
    client.on('data', (d: Buffer) => {
      if (isCut) return;
      pending = Buffer.concat([pending, d]);
      let sent = 0;
      for (;;) {
        const parsed = parseCommand(pending, sent);
        if (parsed === undefined) break;
        sent = parsed.end;
        if (parsed.name === 'PING') continue;
        commands.push(parsed.text);
        if (cutAfter !== undefined && commands.length >= cutAfter) {
          upstream.write(pending.subarray(0, sent), () => setImmediate(cutNow));
          pending = Buffer.alloc(0);
          isCut = true;
          return;
        }
      }
      if (sent > 0) upstream.write(pending.subarray(0, sent));
      pending = pending.subarray(sent);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no port');
  return {
    port: address.port,
    commands,
    cut: () => isCut,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One RESP command (an array of bulk strings) starting at `at`: its name and where it ends; undefined while incomplete. */
function parseCommand(buf: Buffer, at: number): { name: string; text: string; end: number } | undefined {
  const line = (from: number): { text: string; next: number } | undefined => {
    const cr = buf.indexOf('\r\n', from);
    return cr < 0 ? undefined : { text: buf.toString('latin1', from, cr), next: cr + 2 };
  };
  const head = line(at);
  if (head === undefined) return undefined;
  if (!head.text.startsWith('*')) throw new Error(`unexpected RESP from the client: ${JSON.stringify(head.text.slice(0, 40))}`);
  const count = Number(head.text.slice(1));
  let pos = head.next;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = line(pos);
    if (len === undefined) return undefined;
    const n = Number(len.text.slice(1));
    if (buf.length < len.next + n + 2) return undefined;
    if (i < 4) words.push(n > 60 ? `(${n} bytes)` : buf.toString('latin1', len.next, len.next + n));
    pos = len.next + n + 2;
  }
  const name = (words[0] ?? '').toUpperCase();
  return { name, text: [name, ...words.slice(1)].join(' '), end: pos };
}
