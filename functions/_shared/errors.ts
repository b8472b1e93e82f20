/** Error codes the API returns, each with its one HTTP status. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  BAD_FILE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EXPIRED: 410,
  CONFLICT: 409,
  DUPLICATE: 409,
  SLOT_TAKEN: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One detail of a 4xx: which field or row, and what is wrong with it. */
export interface ErrorDetail {
  path?: string;
  row?: number;
  message: string;
  /** The existing resource a DUPLICATE refers to, so the client can offer to open it. */
  id?: string;
}

/** The only error type use cases throw on purpose; withUser / withPublic (http.ts) map it to a status and a body. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** More top-level fields of the error body (a taken slot's `alternatives`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} was not found.`);
