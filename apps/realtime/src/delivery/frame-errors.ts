import { isDomainError } from "@parley/api/errors";
import type { FrameErrorCode } from "@parley/protocol/close-codes";

/**
 * A service failure as an `error` frame's code and message: a DomainError
 * keeps the code and text it has over tRPC and REST; anything else is our
 * fault, logged by the caller, and the client is told to retry.
 */
export function frameErrorOf(error: unknown): { code: FrameErrorCode; message: string } {
  if (isDomainError(error)) return { code: error.code, message: error.message.slice(0, 500) };
  return { code: "UNAVAILABLE", message: "The server could not do that right now; try again." };
}
