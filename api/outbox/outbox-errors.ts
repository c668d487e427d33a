import { AppError, NotFoundError } from "../errors.js";

/** The item does not exist (never did, or was deleted with its patron). */
export class OutboxItemNotFoundError extends NotFoundError {
  constructor(id: number) {
    super(`outbox item ${id}`);
    this.name = "OutboxItemNotFoundError";
  }
}

/** The worker's lease ran out and the item was handed to another pull, or it is no longer pending. */
export class OutboxLeaseLostError extends AppError {
  constructor(id: number, status: string) {
    super(409, "lease_lost", `outbox item ${id} is not leased to this worker any more (status ${status})`, { status });
    this.name = "OutboxLeaseLostError";
  }
}

/** Only a failed item can be retried by staff (a pending or sent one is already on its way or done). */
export class OutboxNotFailedError extends AppError {
  constructor(id: number, status: string) {
    super(409, "not_failed", `outbox item ${id} is ${status}, not failed`, { status });
    this.name = "OutboxNotFailedError";
  }
}
