// The one error type of the API: what went wrong as an HTTP status, a machine-readable code and a
// message. Domain modules throw it (or a subclass that names their layer); the error handler
// (server/plugins/errors.ts) turns it into the answer `{ error: code, message, ...extra }`, so no
// module outside the HTTP layer ever needs a reply object.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Further fields of the answer's body, after `error` and `message`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The code the domain layers have always answered a 4xx with. */
export const codeForStatus = (status: number): string =>
  status === 404
    ? 'not_found'
    : status === 409
      ? 'conflict'
      : status === 413
        ? 'too_large'
        : status === 403
          ? 'forbidden'
          : 'bad_request';
