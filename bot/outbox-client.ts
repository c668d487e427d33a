// The outbox API over HTTP (API_URL) or straight into the Hono app in this process, with the
// service token either way, through the same calls as bot/client.ts. Channel-neutral: the
// Telegram and WhatsApp workers both use it.
import { httpCall, inProcessCall, type InProcessApp, type ServiceCall, type ServiceCallOptions } from "./client.js";
import type { OutboxPort, PulledItem } from "./outbox-port.js";

function createClient(call: ServiceCall): OutboxPort {
  const post = <T>(path: string, body: unknown) => call<T>(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
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
export function createInProcessOutboxClient(app: InProcessApp, opts: ServiceCallOptions = {}): OutboxPort {
  return createClient(inProcessCall(app, opts));
}

/** Outbox calls to a service elsewhere, at API_URL. */
export function createHttpOutboxClient(opts: ServiceCallOptions & { apiUrl: string }): OutboxPort {
  return createClient(httpCall(opts));
}
