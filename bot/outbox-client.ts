// The outbox API over HTTP (API_URL) or straight into the Hono app in this process, with the
// service token either way, through the same typed `hc` link as bot/client.ts (OutboxApi from
// api/routes/outbox.ts). Channel-neutral: the Telegram and WhatsApp workers both use it.
import type { OutboxApi } from "../api/routes/outbox.js";
import { httpLink, inProcessLink, readJson, type InProcessApp, type ServiceCallOptions, type ServiceLink } from "./client.js";
import type { OutboxPort } from "./outbox-port.js";

function createClient(service: ServiceLink): OutboxPort {
  // Taken from hc's proxy once (each property step builds a new proxy).
  const outbox = service.client<OutboxApi>().v1.outbox;
  const pull = outbox.pull.$post;
  const ack = outbox[":id"].ack.$post;
  const fail = outbox[":id"].fail.$post;
  const hold = outbox[":id"].hold.$post;
  return {
    async pull(input) {
      const { items } = await readJson(pull({ json: input }, service.call()), "POST /v1/outbox/pull");
      // A pulled item is leased, so it always carries its leaseId.
      return items.map((i) => ({ id: i.id, recipient: i.recipient, payload: i.payload, attempts: i.attempts, leaseId: i.leaseId as string }));
    },
    async ack(id, leaseId) {
      await readJson(ack({ param: { id: String(id) }, json: { leaseId } }, service.call()), `POST /v1/outbox/${id}/ack`);
    },
    async fail(id, input) {
      await readJson(fail({ param: { id: String(id) }, json: input }, service.call()), `POST /v1/outbox/${id}/fail`);
    },
    async hold(id, input) {
      await readJson(hold({ param: { id: String(id) }, json: input }, service.call()), `POST /v1/outbox/${id}/hold`);
    },
  };
}

/** Outbox calls handed to the Hono app in this process. */
export function createInProcessOutboxClient(app: InProcessApp, opts: ServiceCallOptions = {}): OutboxPort {
  return createClient(inProcessLink(app, opts));
}

/** Outbox calls to a service elsewhere, at API_URL. */
export function createHttpOutboxClient(opts: ServiceCallOptions & { apiUrl: string }): OutboxPort {
  return createClient(httpLink(opts));
}
