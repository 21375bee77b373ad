/**
 * A real `ws` client for integration tests that records what the server says,
 * so a test can await the next frame or the close without sleeping.
 */
import { type ServerFrame } from "@parley/protocol/frames";
import { parseServerFrame } from "@parley/protocol/parse-frame";
import { WebSocket, type ClientOptions } from "ws";

export interface CloseEvent {
  code: number;
  reason: string;
}

export class TestSocket {
  readonly socket: WebSocket;
  readonly closed: Promise<CloseEvent>;
  private readonly frames: ServerFrame[] = [];
  /** Every frame received, in order, whether or not nextFrame consumed it. */
  readonly log: ServerFrame[] = [];
  private readonly waiters: Array<(frame: ServerFrame) => void> = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on("message", (data) => {
      const parsed = parseServerFrame(String(data));
      if (!parsed.ok) throw new Error(`server sent an invalid frame: ${parsed.message}`);
      this.log.push(parsed.frame);
      const waiter = this.waiters.shift();
      if (waiter) waiter(parsed.frame);
      else this.frames.push(parsed.frame);
    });
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, options: ClientOptions = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      const testSocket = new TestSocket(socket);
      socket.once("open", () => resolve(testSocket));
      socket.once("unexpected-response", (_request, response) => {
        reject(new UpgradeRefused(response.statusCode ?? 0));
        socket.terminate();
      });
      socket.once("error", reject);
    });
  }

  /** The next frame, waiting for it if none has arrived yet. */
  nextFrame(): Promise<ServerFrame> {
    const frame = this.frames.shift();
    if (frame) return Promise.resolve(frame);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The first logged frame (received already or later) that matches; fails after `timeoutMs`. */
  async waitForFrame<Frame extends ServerFrame>(predicate: (frame: ServerFrame) => frame is Frame, timeoutMs?: number): Promise<Frame>;
  async waitForFrame(predicate: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  async waitForFrame(predicate: (frame: ServerFrame) => boolean, timeoutMs = 5_000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.log.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.log.map((frame) => frame.type))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The message.created events received so far for a conversation, as seqs in arrival order. */
  createdSeqs(conversationId: string): number[] {
    const seqs: number[] = [];
    for (const frame of this.log) {
      if (frame.type === "event" && frame.event.type === "message.created" && frame.event.conversationId === conversationId) seqs.push(frame.event.message.seq);
    }
    return seqs;
  }

  /** Every frame up to the close, then the close itself. */
  async framesUntilClose(): Promise<{ frames: ServerFrame[]; close: CloseEvent }> {
    const close = await this.closed;
    return { frames: this.frames.splice(0), close };
  }

  send(value: unknown): void {
    this.socket.send(typeof value === "string" ? value : JSON.stringify(value));
  }

  /** Sends hello and returns the server's answer (ready or error). */
  async hello(token: string): Promise<ServerFrame> {
    this.send({ type: "hello", v: 1, token });
    return this.nextFrame();
  }

  close(): Promise<CloseEvent> {
    this.socket.close();
    return this.closed;
  }
}

/** Matches the message.created event of one seq in one conversation. */
export const isMessageCreated = (conversationId: string, seq: number) => (frame: ServerFrame) =>
  frame.type === "event" && frame.event.type === "message.created" && frame.event.conversationId === conversationId && frame.event.message.seq === seq;

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}
