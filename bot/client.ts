// The one way channel workers talk to the service: POST /v1/messages for every user action and
// GET /v1/catalogue/search for inline results. The calls go through Hono's typed client (`hc` from
// hono/client) over the route types the service exports (MessagesApi, CatalogueApi in
// api/routes/), so a wrong path, a wrong body or query field, or a misread answer fails to compile.
// In the same process the requests go straight into the Hono app (`app.request`, no socket); split
// apart they go over HTTP to API_URL. Both carry the service token, so the two paths behave the
// same. Only types come from api/: the bots load no server code. The outbox and staff-group clients
// reach the service through the same link (`inProcessLink`/`httpLink`, `readJson`).
import type { Hono } from "hono";
import { hc, type ClientRequestOptions, type ClientResponse } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { SearchResult } from "../api/catalogue/types.js";
import type { InboundMessage, Reply } from "../api/dialog/reply.js";
import type { CatalogueApi } from "../api/routes/catalogue.js";
import type { MessagesApi } from "../api/routes/messages.js";

export type MessageResponse = { replies: Reply[]; locale?: string };

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

/** Anything with Hono's `app.request` (the app itself, or a test double). */
export type InProcessApp = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** How a client reaches the service: the service token, and how long one call may take. */
export type ServiceCallOptions = { serviceToken?: string; timeoutMs?: number };

/** Where the service is, shared by the typed clients of one worker. */
export type ServiceLink = {
  /** The typed `hc` client of one group of routes; make it once per client, not per call. */
  client<T extends Hono<any, any, any>>(): ReturnType<typeof hc<T>>;
  /** The options of one call: a fresh timeout, and the request id when given. */
  call(requestId?: string): ClientRequestOptions;
};

/** The error a call that took longer than `timeoutMs` rejects with, as fetch's AbortSignal.timeout does. */
const timeoutError = () => new DOMException("The operation was aborted due to timeout", "TimeoutError");

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** `fetchFn` does the call and applies the link's timeout; the link adds the token and request id. */
function serviceLink(base: string, fetchFn: Fetch, opts: ServiceCallOptions): ServiceLink {
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.serviceToken) headers.authorization = `Bearer ${opts.serviceToken}`;
  // The headers go with each call rather than into hc's options: given in both places, hc merges
  // them through an extra async function on every call.
  const options: ClientRequestOptions = { fetch: fetchFn };
  return {
    client: <T extends Hono<any, any, any>>() => hc<T>(base, options),
    call: (requestId) => ({ headers: requestId ? { ...headers, "x-request-id": requestId } : headers }),
  };
}

/** Calls handed to the Hono app in this process (no network hop). */
export function inProcessLink(app: InProcessApp, opts: ServiceCallOptions = {}): ServiceLink {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  // app.request carries a signal but never looks at it, so the timeout is a timer raced against the
  // answer (also cheaper per message than an AbortSignal). hc always passes the URL as a string.
  const request: Fetch = (input, init) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timeoutError()), timeoutMs)));
    return Promise.race([app.request(input as string, init), late]).finally(() => clearTimeout(timer));
  };
  return serviceLink("http://in-process", request, opts);
}

/** Calls to a service elsewhere, at `apiUrl` (API_URL), with the global fetch. */
export function httpLink(opts: ServiceCallOptions & { apiUrl: string }): ServiceLink {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  // The global fetch is looked up at each call, and aborts itself after timeoutMs.
  const request: Fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  return serviceLink(opts.apiUrl.replace(/\/+$/, ""), request, opts);
}

/** The JSON body a route declares for its 2xx answers. */
export type OkBody<R> = R extends ClientResponse<infer O, infer S, infer _F> ? (S extends SuccessStatusCode ? O : never) : never;

/** The 2xx JSON answer of one call; a non-2xx answer or a body that is not JSON throws ApiClientError. `what` names the call in the message. */
export async function readJson<R extends ClientResponse<unknown, number, any>>(pending: Promise<R>, what: string): Promise<OkBody<R>> {
  const res = await pending;
  const body = (await (res.json() as Promise<unknown>).catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok || body === null) {
    const code = typeof body?.error === "string" ? body.error : "bad_response";
    const detail = typeof body?.message === "string" ? `: ${body.message}` : "";
    throw new ApiClientError(res.status, code, `${what} answered ${res.status}${detail}`, body);
  }
  return body as OkBody<R>;
}

function createClient(service: ServiceLink): ApiClient {
  // The request functions are taken from hc's proxy once: each property step on it builds a new proxy.
  const postMessage = service.client<MessagesApi>().v1.messages.$post;
  const search = service.client<CatalogueApi>().v1.catalogue.search.$get;
  return {
    postMessage(message, o = {}) {
      return readJson(postMessage({ json: message }, service.call(o.requestId)), "POST /v1/messages");
    },
    searchCatalogue(query) {
      const available = query.available === undefined ? undefined : query.available ? ("true" as const) : ("false" as const);
      const q = { q: query.q, page: query.page, limit: query.limit, branch: query.branch || undefined, available };
      return readJson(search({ query: q }, service.call()), "GET /v1/catalogue/search");
    },
  };
}

/** A client that hands requests to the Hono app in this process (no network hop). */
export function createInProcessClient(app: InProcessApp, opts: ServiceCallOptions = {}): ApiClient {
  return createClient(inProcessLink(app, opts));
}

/** A client for a service elsewhere, at `apiUrl` (API_URL). */
export function createHttpClient(opts: ServiceCallOptions & { apiUrl: string }): ApiClient {
  return createClient(httpLink(opts));
}
