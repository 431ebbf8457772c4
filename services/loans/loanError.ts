/** Why a loan or inventory change was refused. */
export type LoanErrorCode =
  /** No such request, device or donation. */
  | 'not_found'
  /** The record is not in a state that allows it (already decided, device taken, returned twice…). */
  | 'conflict'
  /** No free device of that kind (the request stays on the waiting list). */
  | 'no_device'
  /** The input is not valid (unknown kind, empty reason…). */
  | 'invalid';

/** A refused loan or inventory change; console routes map the code to 404 / 409 / 409 / 400. */
export class LoanError extends Error {
  constructor(
    readonly code: LoanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoanError';
  }
}
