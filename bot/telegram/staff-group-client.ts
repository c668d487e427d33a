// The staff-group API (/v1/staff-group/*) over HTTP (API_URL) or into the Hono app in this process,
// with the service token either way, like bot/client.ts. Refusals the bot must word for the
// librarian (not linked, claimed by someone else, bad code) come back as results, not exceptions;
// anything else (service down, bad token) throws ApiClientError.
import { ApiClientError, httpCall, inProcessCall, type InProcessApp, type ServiceCall, type ServiceCallOptions } from "../client.js";

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

function createClient(call: ServiceCall): StaffGroupClient {
  const post = <T>(path: string, body: unknown) => call<T>(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return {
    async pending(limit) {
      const body = await call<{ tickets?: unknown }>(`/v1/staff-group/pending?limit=${limit}`, { method: "GET" });
      if (!Array.isArray(body.tickets)) throw new ApiClientError(200, "bad_response", "GET /v1/staff-group/pending answered 200 without tickets", body);
      return body.tickets as PendingTicketPost[];
    },
    async posted(ticketId, ref) {
      await post("/v1/staff-group/posted", { ticketId, ref });
    },
    async reply(input) {
      try {
        const body = await post<{ ticketId: unknown; status: unknown; staffName: unknown }>("/v1/staff-group/reply", input);
        return { ok: true, ticketId: Number(body.ticketId), status: String(body.status), staffName: String(body.staffName) };
      } catch (err) {
        const refused = refusal(err, REPLY_REFUSALS);
        const assignee = refused.body?.assignee;
        return { ok: false, code: refused.code as Extract<StaffReplyOutcome, { ok: false }>["code"], ...(typeof assignee === "string" ? { assignee } : {}) };
      }
    },
    async link(input) {
      try {
        const body = await post<{ staffName: unknown }>("/v1/staff-group/link", input);
        return { ok: true, staffName: String(body.staffName) };
      } catch (err) {
        return { ok: false, code: refusal(err, LINK_REFUSALS).code as "invalid_code" | "expired_code" };
      }
    },
  };
}

/** Staff-group calls handed to the Hono app in this process. */
export function createInProcessStaffGroupClient(app: InProcessApp, opts: ServiceCallOptions = {}): StaffGroupClient {
  return createClient(inProcessCall(app, opts));
}

/** Staff-group calls to a service elsewhere, at API_URL. */
export function createHttpStaffGroupClient(opts: ServiceCallOptions & { apiUrl: string }): StaffGroupClient {
  return createClient(httpCall(opts));
}
