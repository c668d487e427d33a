import { MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError, type Meilisearch, type Task } from "meilisearch";

/** True when the error means "Meilisearch cannot answer now" (down, slow, index gone), not "we asked wrongly". */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof MeilisearchRequestError || err instanceof MeilisearchRequestTimeOutError) return true;
  if (err instanceof MeilisearchApiError) {
    return err.response.status >= 500 || err.cause?.code === "index_not_found";
  }
  return false;
}

/** A Meilisearch task that ended in failure; the message carries Meilisearch's own reason. */
export class SearchTaskError extends Error {
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no reason given"}`);
    this.name = "SearchTaskError";
  }
}

/** Throws SearchTaskError unless the task succeeded. */
export function assertSucceeded(task: Task): Task {
  if (task.status !== "succeeded") throw new SearchTaskError(task);
  return task;
}

/** Whether index `uid` exists; other errors (Meilisearch down) are thrown. */
export async function indexExists(c: Meilisearch, uid: string): Promise<boolean> {
  try {
    await c.getIndex(uid);
    return true;
  } catch (err) {
    if (err instanceof MeilisearchApiError && err.cause?.code === "index_not_found") return false;
    throw err;
  }
}
