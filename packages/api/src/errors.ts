/**
 * The one error type services throw. `code` is stable and mapped once per
 * transport: tRPC (middleware), WebSocket (error frame / close code), REST (HTTP status).
 */
export const domainErrorCodes = [
  "INVALID",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "UNAVAILABLE",
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Field-level messages for forms, e.g. { email: "That email is taken" }. */
  readonly fieldErrors?: Record<string, string>;

  constructor(code: DomainErrorCode, message: string, fieldErrors?: Record<string, string>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const httpStatusByCode: Record<DomainErrorCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
