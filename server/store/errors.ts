/**
 * Errors every Store implementation reports in the same way, so callers do not need to know
 * which database sits behind the interface.
 */

/** A write collided with a unique value that already exists (e.g. a join code drawn twice). */
export class StoreConflictError extends Error {
  constructor(
    message: string,
    /** The column or constraint that collided, when the database names it. */
    readonly constraint?: string,
  ) {
    super(message);
    this.name = 'StoreConflictError';
  }
}
