/**
 * Error codes carried by `error` frames and the WebSocket close codes the
 * server ends a connection with. One table, so client and server agree on
 * which errors are fatal.
 */

export const closeCodes = {
  normal: 1000,
  goingAway: 1001,
  /** A binary frame: the protocol is JSON text only. */
  unsupportedData: 1003,
  /** A text frame that is not valid UTF-8 (`ws` closes with it itself). */
  invalidPayload: 1007,
  /** Repeated bad frames or a flood that keeps going after RATE_LIMITED. */
  policyViolation: 1008,
  /** A frame over MAX_FRAME_BYTES (`ws` closes with it itself). */
  messageTooBig: 1009,
  /** The server failed (e.g. misconfigured): reconnect with backoff. */
  internalError: 1011,
  /** The node is shutting down: reconnect (with backoff) to another one. */
  serviceRestart: 1012,
  /** The node is overloaded or the client fell too far behind: reconnect later and resync. */
  tryAgainLater: 1013,
  /** No valid `hello` in time, or the token was refused: fetch a new token first. */
  unauthenticated: 4401,
} as const;

export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];

/**
 * Codes of `error` frames. The first block is about the frame itself; the
 * rest mirror the server's DomainError codes, so a service error reaches the
 * socket with the same code it has over tRPC and REST.
 */
export const frameErrorCodes = [
  "BAD_JSON",
  "UNKNOWN_TYPE",
  "INVALID_FRAME",
  "UNSUPPORTED_VERSION",
  "INVALID",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "UNAVAILABLE",
] as const;

export type FrameErrorCode = (typeof frameErrorCodes)[number];

/**
 * The close code that follows an error when the connection cannot go on.
 * Errors not listed here are answered with an `error` frame and the socket
 * stays open (until repeated offences close it with policyViolation).
 */
export const fatalCloseCodeByError: Partial<Record<FrameErrorCode, CloseCode>> = {
  UNAUTHENTICATED: closeCodes.unauthenticated,
  UNSUPPORTED_VERSION: closeCodes.unauthenticated,
  PAYLOAD_TOO_LARGE: closeCodes.messageTooBig,
};

/** Whether a client should reconnect after the server closed with `code`. */
export function isReconnectableClose(code: number): boolean {
  // A policy violation or a binary/too-big frame is a client bug: reconnecting
  // would repeat it. 4401 is reconnectable once a fresh token is fetched.
  return !([closeCodes.unsupportedData, closeCodes.invalidPayload, closeCodes.policyViolation, closeCodes.messageTooBig] as number[]).includes(code);
}
