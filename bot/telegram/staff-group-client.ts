// The staff-group API (/v1/staff-group/*) over HTTP (API_URL) or into the Hono app in this process,
// with the service token either way, like bot/client.ts. Refusals the bot must word for the
// librarian (not linked, claimed by someone else, bad code) come back as results, not exceptions;
// anything else (service down, bad token) throws ApiClientError.
import { ApiClientError, type InProcessApp } from "../client.js";

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

type Fetch = (url: string, init: RequestInit) => Promise<Response>;
type Answer = { status: number; body: Record<string, unknown> | null };

const REPLY_REFUSALS = new Set(["telegram_not_linked", "unknown_post", "already_claimed", "not_owner", "invalid_state", "empty", "rate_limited"]);
const LINK_REFUSALS = new Set(["invalid_code", "expired_code"]);

function createClient(fetchFn: Fetch, base: string, opts: { serviceToken?: string; timeoutMs?: number }): StaffGroupClient {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const send = async (method: "GET" | "POST", path: string, body?: unknown): Promise<Answer> => {
    const res = await fetchFn(`${base}${path}`, {
      method,
      headers: {
        accept: "application/json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(opts.serviceToken ? { authorization: `Bearer ${opts.serviceToken}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  };
  const failure = (method: string, path: string, a: Answer) =>
    new ApiClientError(a.status, typeof a.body?.error === "string" ? a.body.error : "bad_response", `${method} ${path} answered ${a.status}${typeof a.body?.message === "string" ? `: ${a.body.message}` : ""}`);

  return {
    async pending(limit) {
      const path = `/v1/staff-group/pending?limit=${limit}`;
      const a = await send("GET", path);
      if (a.status !== 200 || !Array.isArray(a.body?.tickets)) throw failure("GET", "/v1/staff-group/pending", a);
      return a.body.tickets as PendingTicketPost[];
    },
    async posted(ticketId, ref) {
      const a = await send("POST", "/v1/staff-group/posted", { ticketId, ref });
      if (a.status !== 200) throw failure("POST", "/v1/staff-group/posted", a);
    },
    async reply(input) {
      const a = await send("POST", "/v1/staff-group/reply", input);
      if (a.status === 200 && a.body) return { ok: true, ticketId: Number(a.body.ticketId), status: String(a.body.status), staffName: String(a.body.staffName) };
      const code = a.body?.error;
      if (typeof code === "string" && REPLY_REFUSALS.has(code)) {
        return { ok: false, code: code as Extract<StaffReplyOutcome, { ok: false }>["code"], ...(typeof a.body?.assignee === "string" ? { assignee: a.body.assignee } : {}) };
      }
      throw failure("POST", "/v1/staff-group/reply", a);
    },
    async link(input) {
      const a = await send("POST", "/v1/staff-group/link", input);
      if (a.status === 200 && a.body) return { ok: true, staffName: String(a.body.staffName) };
      const code = a.body?.error;
      if (typeof code === "string" && LINK_REFUSALS.has(code)) return { ok: false, code: code as "invalid_code" | "expired_code" };
      throw failure("POST", "/v1/staff-group/link", a);
    },
  };
}

/** Staff-group calls handed to the Hono app in this process. */
export function createInProcessStaffGroupClient(app: InProcessApp, opts: { serviceToken?: string; timeoutMs?: number } = {}): StaffGroupClient {
  return createClient(async (url, init) => app.request(url, init), "http://in-process", opts);
}

/** Staff-group calls to a service elsewhere, at API_URL. */
export function createHttpStaffGroupClient(opts: { apiUrl: string; serviceToken?: string; timeoutMs?: number }): StaffGroupClient {
  return createClient((url, init) => fetch(url, init), opts.apiUrl.replace(/\/+$/, ""), opts);
}
