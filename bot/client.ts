// The one way channel workers talk to the service: POST /v1/messages for every user action and
// GET /v1/catalogue/search for inline results. In the same process the requests go straight into
// the Hono app (`app.request`, no socket); split apart they go over HTTP to API_URL. Both carry
// the service token, so the two paths behave the same.
import type { SearchResult } from "../api/catalogue/types.js";
import type { InboundMessage, Reply } from "../api/dialog/reply.js";

export type MessageResponse = { replies: Reply[] };

export type CatalogueQuery = { q: string; page?: number; limit?: number; branch?: string; available?: boolean };

/** Typed client of the service API used by the channel adapters. */
export type ApiClient = {
  postMessage(message: InboundMessage, opts?: { requestId?: string }): Promise<MessageResponse>;
  searchCatalogue(query: CatalogueQuery): Promise<SearchResult>;
};

/** A non-2xx answer from the service; `code` is its error code ("rate_limited", …). */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Anything with Hono's `app.request` (the app itself, or a test double). */
export type InProcessApp = { request(input: string, init?: RequestInit): Response | Promise<Response> };

function createClient(fetchFn: Fetch, base: string, opts: { serviceToken?: string; timeoutMs?: number }): ApiClient {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    accept: "application/json",
    ...(opts.serviceToken ? { authorization: `Bearer ${opts.serviceToken}` } : {}),
    ...extra,
  });
  const call = async <T>(pathAndQuery: string, init: RequestInit): Promise<T> => {
    const res = await fetchFn(`${base}${pathAndQuery}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => null)) as (T & { error?: string; message?: string }) | null;
    if (!res.ok || body === null) {
      throw new ApiClientError(res.status, body?.error ?? "bad_response", `${init.method ?? "GET"} ${pathAndQuery.split("?")[0]} answered ${res.status}${body?.message ? `: ${body.message}` : ""}`);
    }
    return body;
  };
  return {
    postMessage(message, o = {}) {
      return call<MessageResponse>("/v1/messages", {
        method: "POST",
        headers: headers({ "content-type": "application/json", ...(o.requestId ? { "x-request-id": o.requestId } : {}) }),
        body: JSON.stringify(message),
      });
    },
    searchCatalogue(query) {
      const params = new URLSearchParams({ q: query.q, channel: "telegram" });
      if (query.page !== undefined) params.set("page", String(query.page));
      if (query.limit !== undefined) params.set("limit", String(query.limit));
      if (query.branch) params.set("branch", query.branch);
      if (query.available !== undefined) params.set("available", String(query.available));
      return call<SearchResult>(`/v1/catalogue/search?${params}`, { method: "GET", headers: headers() });
    },
  };
}

/** A client that hands requests to the Hono app in this process (no network hop). */
export function createInProcessClient(app: InProcessApp, opts: { serviceToken?: string; timeoutMs?: number } = {}): ApiClient {
  return createClient(async (url, init) => app.request(url, init), "http://in-process", opts);
}

/** A client for a service elsewhere, at `apiUrl` (API_URL). */
export function createHttpClient(opts: { apiUrl: string; serviceToken?: string; timeoutMs?: number }): ApiClient {
  return createClient((url, init) => fetch(url, init), opts.apiUrl.replace(/\/+$/, ""), opts);
}
