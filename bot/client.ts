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

/** A non-2xx answer from the service; `code` is its error code ("rate_limited", …), `body` the answer's JSON. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Anything with Hono's `app.request` (the app itself, or a test double). */
export type InProcessApp = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** How a client reaches the service: the service token, and how long one call may take. */
export type ServiceCallOptions = { serviceToken?: string; timeoutMs?: number };

/** One JSON call to the service; a non-2xx answer or a body that is not JSON throws ApiClientError. */
export type ServiceCall = <T>(pathAndQuery: string, init: { method: string; headers?: Record<string, string>; body?: string }) => Promise<T>;

function serviceCall(fetchFn: Fetch, base: string, opts: ServiceCallOptions): ServiceCall {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  return async <T>(pathAndQuery: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<T> => {
    const headers = { accept: "application/json", ...(opts.serviceToken ? { authorization: `Bearer ${opts.serviceToken}` } : {}), ...init.headers };
    const res = await fetchFn(`${base}${pathAndQuery}`, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => null)) as (T & { error?: string; message?: string }) | null;
    if (!res.ok || body === null) {
      const code = typeof body?.error === "string" ? body.error : "bad_response";
      const detail = typeof body?.message === "string" ? `: ${body.message}` : "";
      throw new ApiClientError(res.status, code, `${init.method} ${pathAndQuery.split("?")[0]} answered ${res.status}${detail}`, body);
    }
    return body;
  };
}

/** Calls handed to the Hono app in this process (no network hop). */
export function inProcessCall(app: InProcessApp, opts: ServiceCallOptions = {}): ServiceCall {
  return serviceCall(async (url, init) => app.request(url, init), "http://in-process", opts);
}

/** Calls to a service elsewhere, at `apiUrl` (API_URL). */
export function httpCall(opts: ServiceCallOptions & { apiUrl: string }): ServiceCall {
  return serviceCall((url, init) => fetch(url, init), opts.apiUrl.replace(/\/+$/, ""), opts);
}

function createClient(call: ServiceCall): ApiClient {
  return {
    postMessage(message, o = {}) {
      return call<MessageResponse>("/v1/messages", {
        method: "POST",
        headers: { "content-type": "application/json", ...(o.requestId ? { "x-request-id": o.requestId } : {}) },
        body: JSON.stringify(message),
      });
    },
    searchCatalogue(query) {
      const params = new URLSearchParams({ q: query.q, channel: "telegram" });
      if (query.page !== undefined) params.set("page", String(query.page));
      if (query.limit !== undefined) params.set("limit", String(query.limit));
      if (query.branch) params.set("branch", query.branch);
      if (query.available !== undefined) params.set("available", String(query.available));
      return call<SearchResult>(`/v1/catalogue/search?${params}`, { method: "GET" });
    },
  };
}

/** A client that hands requests to the Hono app in this process (no network hop). */
export function createInProcessClient(app: InProcessApp, opts: ServiceCallOptions = {}): ApiClient {
  return createClient(inProcessCall(app, opts));
}

/** A client for a service elsewhere, at `apiUrl` (API_URL). */
export function createHttpClient(opts: ServiceCallOptions & { apiUrl: string }): ApiClient {
  return createClient(httpCall(opts));
}
