// The staff-group API (/v1/staff-group/*) over HTTP (API_URL) or into the Hono app in this process,
// with the service token either way, through the same typed `hc` link as bot/client.ts
// (StaffGroupApi from api/routes/staff-group.ts). Refusals the bot must word for the
// librarian (not linked, claimed by someone else, bad code) come back as results, not exceptions;
// anything else (service down, bad token) throws ApiClientError.
import type { StaffGroupApi } from "../../api/routes/staff-group.js";
import { ApiClientError, httpLink, inProcessLink, readJson, type InProcessApp, type ServiceCallOptions, type ServiceLink } from "../client.js";

export type PendingTicketPost = { id: number; branchCode: string; channel: string; question: string };

export type StaffReplyOutcome =
  | { ok: true; ticketId: number; status: string; staffName: string }
  | { ok: false; code: "telegram_not_linked" | "unknown_post" | "already_claimed" | "not_owner" | "invalid_state" | "empty" | "rate_limited"; assignee?: string };

export type LinkOutcome = { ok: true; staffName: string } | { ok: false; code: "invalid_code" | "expired_code" };

/** Typed client of the staff-group routes. */
export type StaffGroupClient = {
  pending(limit: number): Promise<PendingTicketPost[]>;
  posted(ticketId: number, ref: string): Promise<void>;
  reply(input: { ref: string; telegramUserId: string; text: string }): Promise<StaffReplyOutcome>;
  link(input: { code: string; telegramUserId: string }): Promise<LinkOutcome>;
};

const REPLY_REFUSALS = new Set(["telegram_not_linked", "unknown_post", "already_claimed", "not_owner", "invalid_state", "empty", "rate_limited"]);
const LINK_REFUSALS = new Set(["invalid_code", "expired_code"]);

/** The refusal code of a failed call when it is one of `codes`; anything else is rethrown. */
function refusal(err: unknown, codes: Set<string>): ApiClientError {
  if (err instanceof ApiClientError && codes.has(err.code)) return err;
  throw err;
}

function createClient(service: ServiceLink): StaffGroupClient {
  // Taken from hc's proxy once (each property step builds a new proxy).
  const group = service.client<StaffGroupApi>().v1["staff-group"];
  const pending = group.pending.$get;
  const posted = group.posted.$post;
  const reply = group.reply.$post;
  const linkAccount = group.link.$post;
  return {
    async pending(limit) {
      const body = await readJson(pending({ query: { limit } }, service.call()), "GET /v1/staff-group/pending");
      // The type says tickets is there; a service of another version may still answer without it.
      if (!Array.isArray(body.tickets)) throw new ApiClientError(200, "bad_response", "GET /v1/staff-group/pending answered 200 without tickets", body);
      return body.tickets;
    },
    async posted(ticketId, ref) {
      await readJson(posted({ json: { ticketId, ref } }, service.call()), "POST /v1/staff-group/posted");
    },
    async reply(input) {
      try {
        const body = await readJson(reply({ json: input }, service.call()), "POST /v1/staff-group/reply");
        return { ok: true, ticketId: body.ticketId, status: body.status, staffName: body.staffName };
      } catch (err) {
        const refused = refusal(err, REPLY_REFUSALS);
        const assignee = refused.body?.assignee;
        return { ok: false, code: refused.code as Extract<StaffReplyOutcome, { ok: false }>["code"], ...(typeof assignee === "string" ? { assignee } : {}) };
      }
    },
    async link(input) {
      try {
        const body = await readJson(linkAccount({ json: input }, service.call()), "POST /v1/staff-group/link");
        return { ok: true, staffName: body.staffName };
      } catch (err) {
        return { ok: false, code: refusal(err, LINK_REFUSALS).code as "invalid_code" | "expired_code" };
      }
    },
  };
}

/** Staff-group calls handed to the Hono app in this process. */
export function createInProcessStaffGroupClient(app: InProcessApp, opts: ServiceCallOptions = {}): StaffGroupClient {
  return createClient(inProcessLink(app, opts));
}

/** Staff-group calls to a service elsewhere, at API_URL. */
export function createHttpStaffGroupClient(opts: ServiceCallOptions & { apiUrl: string }): StaffGroupClient {
  return createClient(httpLink(opts));
}
