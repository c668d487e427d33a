// The outbox API over HTTP (API_URL) or straight into the Hono app in this process, with the
// service token either way, like bot/client.ts does for /v1/messages. Channel-neutral: the
// Telegram worker can use it as well.
import type { InProcessApp } from "./client.js";
import { ApiClientError } from "./client.js";
import type { OutboxPort, PulledItem } from "./outbox-port.js";

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

function createClient(fetchFn: Fetch, base: string, opts: { serviceToken?: string; timeoutMs?: number }): OutboxPort {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetchFn(`${base}${path}`, {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": "application/json",
        ...(opts.serviceToken ? { authorization: `Bearer ${opts.serviceToken}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const parsed = (await res.json().catch(() => null)) as (T & { error?: string; message?: string }) | null;
    if (!res.ok || parsed === null) {
      throw new ApiClientError(res.status, parsed?.error ?? "bad_response", `POST ${path} answered ${res.status}${parsed?.message ? `: ${parsed.message}` : ""}`);
    }
    return parsed;
  };
  return {
    async pull(input) {
      const { items } = await post<{ items: (PulledItem & { leaseId: string })[] }>("/v1/outbox/pull", input);
      return items.map((i) => ({ id: i.id, recipient: i.recipient, payload: i.payload, attempts: i.attempts, leaseId: i.leaseId }));
    },
    async ack(id, leaseId) {
      await post(`/v1/outbox/${id}/ack`, { leaseId });
    },
    async fail(id, input) {
      await post(`/v1/outbox/${id}/fail`, input);
    },
    async hold(id, input) {
      await post(`/v1/outbox/${id}/hold`, input);
    },
  };
}

/** Outbox calls handed to the Hono app in this process. */
export function createInProcessOutboxClient(app: InProcessApp, opts: { serviceToken?: string; timeoutMs?: number } = {}): OutboxPort {
  return createClient(async (url, init) => app.request(url, init), "http://in-process", opts);
}

/** Outbox calls to a service elsewhere, at API_URL. */
export function createHttpOutboxClient(opts: { apiUrl: string; serviceToken?: string; timeoutMs?: number }): OutboxPort {
  return createClient((url, init) => fetch(url, init), opts.apiUrl.replace(/\/+$/, ""), opts);
}
