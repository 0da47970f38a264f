import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** One DevTools protocol event. */
export interface CdpEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly sessionId?: string;
}

/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe` (fd 3 in, fd 4 out,
 * NUL-terminated JSON): no websocket, no npm dependency, and no port for anything else to reach.
 */
export class CdpPipe {
  readonly events: CdpEvent[] = [];
  private nextId = 1;
  private buffer = '';
  private readonly pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private readonly child: ChildProcess;
  private readonly input: Writable;

  constructor(binary: string, flags: readonly string[]) {
    this.child = spawn(binary, [...flags, '--remote-debugging-pipe'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    this.input = this.child.stdio[3] as Writable;
    const output = this.child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.onData(chunk));
    this.child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined) {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) p?.reject(new Error(message.error.message));
        else p?.resolve(message.result ?? {});
      } else if (message.method !== undefined) {
        this.events.push({ method: message.method, params: message.params ?? {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) });
      }
    }
  }

  /** Sends one command (to a page when `sessionId` is given) and resolves to its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Evaluates an expression in the page and returns its value (promises awaited). */
  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const r = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)) as {
      result?: { value?: T };
      exceptionDetails?: { text: string };
    };
    if (r.exceptionDetails) throw new Error(`page threw: ${r.exceptionDetails.text} in ${expression}`);
    return r.result?.value as T;
  }

  /**
   * Polls an expression until it is truthy. While the page is still loading the expression may
   * throw (no element yet): that counts as "not yet", and the last error is reported on timeout.
   */
  async waitFor(sessionId: string, expression: string, timeoutMs = 45_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      try {
        if (await this.evaluate<boolean>(sessionId, `Boolean(${expression})`)) return;
      } catch (e) {
        last = e instanceof Error ? e.message : String(e);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${expression}${last ? ` (last error: ${last})` : ''}`);
  }

  /** Presses one key in the page, as a person at a keyboard would. */
  async press(sessionId: string, key: 'Tab' | 'Enter' | ' ', shift = false): Promise<void> {
    const codes = { Tab: ['Tab', 9, ''], Enter: ['Enter', 13, '\r'], ' ': ['Space', 32, ' '] } as const;
    const [code, vk, text] = codes[key];
    const base = { key, code, windowsVirtualKeyCode: vk, nativeVirtualKeyCode: vk, modifiers: shift ? 8 : 0 };
    await this.send('Input.dispatchKeyEvent', { type: text ? 'keyDown' : 'rawKeyDown', ...base, ...(text ? { text } : {}) }, sessionId);
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base }, sessionId);
  }

  /** Closes the browser and resolves once its process has exited (so its profile can be removed). */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send('Browser.close').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
