// A fake Telegram Bot API server on 127.0.0.1 that speaks the real wire protocol:
// `POST /bot<token>/<method>` with JSON, urlencoded or multipart bodies, answered with
// `{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }` and the matching
// HTTP status. grammY points at it with `client.apiRoot`, so the production code path is unchanged.
// It validates what Telegram validates where mistakes are likely (HTML entities, 4,096-character
// texts, 64-byte callback data, answering a callback query twice, editing a message that does not
// exist or did not change) and records every call for assertions.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, Message, Update, UserFromGetMe } from "grammy/types";
import { parseMultipart } from "./parse-multipart.js";
import { parseTelegramHtml } from "./telegram-html.js";
import { createUpdateFactory, type UpdateFactory } from "./telegram-updates.js";

export type FakeFile = { filename: string; bytes: Buffer };

export type FakeCall = {
  method: string;
  params: Record<string, unknown>;
  files: Record<string, FakeFile>;
  /** performance.now() when the request body had arrived. */
  at: number;
  /** What the fake answered: ok, or the error code it returned. */
  ok: boolean;
  errorCode?: number;
  /** For sendMessage/editMessageText with parse_mode HTML: the text as the user sees it. */
  visibleText?: string;
  /** The result the fake answered with (the sent Message for send* methods). */
  result?: unknown;
};

export type Failure = { code: 429; retryAfter: number } | { code: 500 | 502 | 400 | 403; description?: string };

class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const bad = (description: string) => new BotApiError(400, `Bad Request: ${description}`);

const DEFAULT_ALLOWED = ["message", "edited_message", "channel_post", "edited_channel_post", "inline_query", "chosen_inline_result", "callback_query", "my_chat_member"];

type Poller = { resolve: (updates: Update[]) => void; offset: number; limit: number };

export type FakeBotApi = Awaited<ReturnType<typeof startFakeBotApi>>;

/** Starts the fake on 127.0.0.1 with a random port; `apiRoot` is what grammY's client.apiRoot takes. */
export async function startFakeBotApi(opts: { token?: string; username?: string; botId?: number } = {}) {
  const botId = opts.botId ?? 7_012_345_678;
  const token = opts.token ?? `${botId}:AAHfakeTokenForTestsOnly_0123456789abcd`;
  const me: UserFromGetMe = {
    id: botId,
    is_bot: true,
    first_name: "Tanya Pustaka",
    username: opts.username ?? "TanyaPustakaBot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };

  const calls: FakeCall[] = [];
  const listeners = new Set<(call: FakeCall) => void>();
  const failures = new Map<string, Failure[]>();
  const outages = new Map<string, Failure>();
  const queue: Update[] = [];
  let pollers: Poller[] = [];
  let allowedUpdates = DEFAULT_ALLOWED;
  let webhook: { url: string; secretToken?: string; allowedUpdates?: string[] } | null = null;
  const commands = new Map<string, { command: string; description: string }[]>();
  const chats = new Map<number, Chat>();
  const lastMessageId = new Map<number, number>();
  const messages = new Map<string, Message>();
  const openCallbackQueries = new Set<string>();
  const openInlineQueries = new Set<string>();
  let fileSeq = 1;

  const nextMessageId = (chatId: number) => {
    const id = (lastMessageId.get(chatId) ?? 100) + 1;
    lastMessageId.set(chatId, id);
    return id;
  };

  const remember = (update: Update) => {
    const msg = update.message ?? update.edited_message ?? update.channel_post;
    if (msg) chats.set(msg.chat.id, msg.chat);
    if (update.callback_query) openCallbackQueries.add(update.callback_query.id);
    if (update.inline_query) openInlineQueries.add(update.inline_query.id);
  };

  const updates: UpdateFactory = createUpdateFactory({ nextMessageId, onBuilt: remember });

  // Like Telegram, a bot can only write to a user who wrote to it first, and to chats it is in.
  const chatOf = (chatId: unknown): Chat => {
    const id = typeof chatId === "string" ? Number(chatId) : chatId;
    if (typeof id !== "number" || !Number.isSafeInteger(id)) throw bad("chat not found");
    const chat = chats.get(id);
    if (chat) return chat;
    if (id > 0) throw new BotApiError(403, "Forbidden: bot can't initiate conversation with a user");
    throw bad("chat not found");
  };

  const kindOf = (u: Update) => Object.keys(u).find((k) => k !== "update_id") ?? "";

  const deliverToPollers = () => {
    const waiting = pollers;
    pollers = [];
    for (const p of waiting) {
      const ready = queue.filter((u) => u.update_id >= p.offset).slice(0, p.limit);
      if (ready.length) p.resolve(ready);
      else pollers.push(p);
    }
  };

  /** Checks text in the given parse mode as Telegram does; returns what the user sees. */
  const checkText = (text: unknown, parseMode: unknown, max: number, what: string): string => {
    if (typeof text !== "string" || text.length === 0) throw bad(`${what} must be non-empty`);
    let visible = text;
    if (parseMode === "HTML") {
      const parsed = parseTelegramHtml(text);
      if (!parsed.ok) throw new BotApiError(400, parsed.error);
      visible = parsed.text;
    } else if (parseMode !== undefined) {
      throw bad(`unsupported parse_mode in this fake: ${String(parseMode)}`);
    }
    if (visible.trim().length === 0) throw bad(`${what} must be non-empty`);
    if (visible.length > max) throw bad(what === "message text" ? "message is too long" : `${what} is too long`);
    return visible;
  };

  const checkMarkup = (markup: unknown) => {
    if (markup === undefined) return;
    const keyboard = (markup as { inline_keyboard?: unknown }).inline_keyboard;
    if (!Array.isArray(keyboard)) throw bad("can't parse reply keyboard markup JSON object");
    for (const row of keyboard) {
      if (!Array.isArray(row)) throw bad("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
      for (const button of row as Record<string, unknown>[]) {
        if (typeof button.text !== "string" || button.text.length === 0) throw bad("text buttons are unallowed in the inline keyboard");
        if (button.callback_data !== undefined) {
          const bytes = Buffer.byteLength(String(button.callback_data), "utf8");
          if (bytes < 1 || bytes > 64) throw bad("BUTTON_DATA_INVALID");
        } else if (button.url === undefined && button.switch_inline_query === undefined && button.switch_inline_query_current_chat === undefined) {
          throw bad("can't find field \"callback_data\"");
        }
      }
    }
  };

  const storeMessage = (chat: Chat, fields: Partial<Message>): Message => {
    const message = { message_id: nextMessageId(chat.id), from: me, chat, date: Math.floor(Date.now() / 1000), ...fields } as Message;
    messages.set(`${chat.id}:${message.message_id}`, message);
    return message;
  };

  const fileParam = (value: unknown, files: Record<string, FakeFile>, what: string): FakeFile | string => {
    if (typeof value === "string" && value.startsWith("attach://")) {
      const file = files[value.slice("attach://".length)];
      if (!file) throw bad(`file for ${what} must be uploaded`);
      return file;
    }
    if (typeof value === "string" && value.length > 0) return value;
    throw bad(`there is no ${what} in the request`);
  };

  const methods: Record<string, (p: Record<string, unknown>, files: Record<string, FakeFile>, signal: AbortSignal) => unknown> = {
    getme: () => me,
    logout: () => true,
    close: () => true,
    getupdates: (p, _files, signal) => {
      if (webhook) throw new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
      if (Array.isArray(p.allowed_updates)) allowedUpdates = p.allowed_updates.length ? (p.allowed_updates as string[]) : DEFAULT_ALLOWED;
      const offset = Number(p.offset ?? 0);
      // An offset confirms every update before it: Telegram forgets them.
      if (offset > 0) while (queue.length && queue[0]!.update_id < offset) queue.shift();
      for (let i = queue.length - 1; i >= 0; i--) if (!allowedUpdates.includes(kindOf(queue[i]!))) queue.splice(i, 1);
      const limit = Math.min(Math.max(Number(p.limit ?? 100), 1), 100);
      const ready = queue.slice(0, limit);
      const timeout = Math.min(Number(p.timeout ?? 0), 50);
      if (ready.length || timeout <= 0) return ready;
      return new Promise<Update[]>((resolve) => {
        const poller: Poller = { resolve: (u) => { clearTimeout(timer); resolve(u); }, offset, limit };
        const timer = setTimeout(() => {
          pollers = pollers.filter((x) => x !== poller);
          resolve([]);
        }, timeout * 1000);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          pollers = pollers.filter((x) => x !== poller);
          resolve([]);
        });
        pollers.push(poller);
      });
    },
    setwebhook: (p) => {
      if (typeof p.url !== "string") throw bad("url is required");
      if (p.url === "") {
        webhook = null;
        return true;
      }
      if (!/^https?:\/\//.test(p.url)) throw bad("bad webhook: An HTTPS URL must be provided for webhook");
      const secret = p.secret_token;
      if (secret !== undefined && (typeof secret !== "string" || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) throw bad("secret token contains unallowed characters");
      webhook = { url: p.url, secretToken: secret as string | undefined, allowedUpdates: p.allowed_updates as string[] | undefined };
      return true;
    },
    deletewebhook: (p) => {
      webhook = null;
      if (p.drop_pending_updates === true || p.drop_pending_updates === "true") queue.length = 0;
      return true;
    },
    getwebhookinfo: () => ({ url: webhook?.url ?? "", has_custom_certificate: false, pending_update_count: queue.length, ...(webhook?.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}) }),
    setmycommands: (p) => {
      if (!Array.isArray(p.commands)) throw bad("can't parse commands JSON object");
      for (const c of p.commands as { command?: unknown; description?: unknown }[]) {
        if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw bad("BOT_COMMAND_INVALID");
        if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) throw bad("BOT_COMMAND_DESCRIPTION_INVALID");
      }
      commands.set(String(p.language_code ?? ""), p.commands as { command: string; description: string }[]);
      return true;
    },
    getmycommands: (p) => commands.get(String(p.language_code ?? "")) ?? [],
    sendchataction: (p) => {
      chatOf(p.chat_id);
      return true;
    },
    sendmessage: (p) => {
      const chat = chatOf(p.chat_id);
      checkText(p.text, p.parse_mode, 4096, "message text");
      checkMarkup(p.reply_markup);
      return storeMessage(chat, { text: p.text as string, ...(p.reply_markup ? { reply_markup: p.reply_markup as Message["reply_markup"] } : {}) });
    },
    editmessagetext: (p) => {
      checkText(p.text, p.parse_mode, 4096, "message text");
      checkMarkup(p.reply_markup);
      if (p.inline_message_id !== undefined) return true;
      const chat = chatOf(p.chat_id);
      const key = `${chat.id}:${Number(p.message_id)}`;
      const message = messages.get(key);
      if (!message) throw bad("message to edit not found");
      if (message.text === p.text && JSON.stringify(message.reply_markup ?? null) === JSON.stringify(p.reply_markup ?? null)) {
        throw bad("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
      }
      const edited = { ...message, text: p.text as string, reply_markup: p.reply_markup as Message["reply_markup"], edit_date: Math.floor(Date.now() / 1000) } as Message;
      messages.set(key, edited);
      return edited;
    },
    deletemessage: (p) => {
      if (!messages.delete(`${chatOf(p.chat_id).id}:${Number(p.message_id)}`)) throw bad("message to delete not found");
      return true;
    },
    answercallbackquery: (p) => {
      const id = String(p.callback_query_id ?? "");
      if (!openCallbackQueries.delete(id)) throw bad("query is too old and response timeout expired or query ID is invalid");
      if (p.text !== undefined && String(p.text).length > 200) throw bad("MESSAGE_TOO_LONG");
      return true;
    },
    answerinlinequery: (p) => {
      const id = String(p.inline_query_id ?? "");
      if (!openInlineQueries.delete(id)) throw bad("query is too old and response timeout expired or query ID is invalid");
      if (!Array.isArray(p.results) || p.results.length > 50) throw bad("RESULTS_TOO_MUCH");
      const ids = new Set<string>();
      for (const r of p.results as Record<string, unknown>[]) {
        const rid = String(r.id ?? "");
        if (!rid || Buffer.byteLength(rid) > 64 || ids.has(rid)) throw bad("RESULT_ID_INVALID");
        ids.add(rid);
        const content = r.input_message_content as { message_text?: unknown; parse_mode?: unknown } | undefined;
        if (r.type === "article") checkText(content?.message_text, content?.parse_mode, 4096, "message text");
        checkMarkup(r.reply_markup);
      }
      return true;
    },
    senddocument: (p, files) => {
      const chat = chatOf(p.chat_id);
      const doc = fileParam(p.document, files, "document");
      if (p.caption !== undefined) checkText(p.caption, p.parse_mode, 1024, "caption");
      checkMarkup(p.reply_markup);
      const described = typeof doc === "string" ? { file_name: "file", file_size: 0 } : { file_name: doc.filename, mime_type: mimeOf(doc.filename), file_size: doc.bytes.length };
      return storeMessage(chat, {
        document: { file_id: `BQACAgUAAxkDAAI${fileSeq++}`, file_unique_id: `AgAD${fileSeq}`, ...described },
        ...(p.caption ? { caption: p.caption as string } : {}),
      });
    },
    sendphoto: (p, files) => {
      const chat = chatOf(p.chat_id);
      const photo = fileParam(p.photo, files, "photo");
      if (p.caption !== undefined) checkText(p.caption, p.parse_mode, 1024, "caption");
      checkMarkup(p.reply_markup);
      const size = typeof photo === "string" ? 0 : photo.bytes.length;
      return storeMessage(chat, {
        photo: [{ file_id: `AgACAgUAAxkDAAI${fileSeq++}`, file_unique_id: `AQAD${fileSeq}`, width: 320, height: 320, file_size: size }],
        ...(p.caption ? { caption: p.caption as string } : {}),
      });
    },
  };

  const parseBody = async (req: http.IncomingMessage, url: URL): Promise<{ params: Record<string, unknown>; files: Record<string, FakeFile> }> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const type = (req.headers["content-type"] ?? "").toLowerCase();
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const files: Record<string, FakeFile> = {};
    // Form values arrive as strings; objects (reply_markup, commands …) are JSON inside them.
    const setField = (name: string, value: string) => {
      params[name] = /^[[{]/.test(value) ? safeJson(value) : value;
    };
    if (body.length === 0) return { params, files };
    if (type.startsWith("application/json")) {
      const parsed = safeJson(body.toString("utf8"));
      if (typeof parsed !== "object" || parsed === null) throw bad("can't parse JSON body");
      Object.assign(params, parsed);
    } else if (type.startsWith("application/x-www-form-urlencoded")) {
      for (const [k, v] of new URLSearchParams(body.toString("utf8"))) setField(k, v);
    } else if (type.startsWith("multipart/form-data")) {
      for (const part of parseMultipart(body, type)) {
        if (part.filename !== undefined) files[part.name] = { filename: part.filename, bytes: Buffer.from(part.data) };
        else setField(part.name, part.data.toString("utf8"));
      }
    }
    return { params, files };
  };

  const server = http.createServer((req, res) => {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      const call: FakeCall = { method: m?.[2] ?? url.pathname, params: {}, files: {}, at: 0, ok: false };
      let status = 200;
      let payload: Record<string, unknown>;
      try {
        if (!m) throw new BotApiError(404, "Not Found");
        if (m[1] !== token) throw new BotApiError(401, "Unauthorized");
        const { params, files } = await parseBody(req, url);
        Object.assign(call, { params, files, at: performance.now() });
        // Recorded on arrival (a long poll shows up while it waits); listeners hear of it when answered.
        calls.push(call);
        const method = m[2]!.toLowerCase();
        const queued = failures.get(method);
        const failure = queued?.shift() ?? outages.get(method);
        if (failure) {
          if (failure.code === 429) throw new BotApiError(429, `Too Many Requests: retry after ${failure.retryAfter}`, { retry_after: failure.retryAfter });
          throw new BotApiError(failure.code, failure.description ?? (failure.code === 400 ? "Bad Request: injected failure" : failure.code === 403 ? "Forbidden: bot was blocked by the user" : "Internal Server Error"));
        }
        const handler = methods[method];
        if (!handler) throw new BotApiError(404, "Not Found: method not found");
        const result = await handler(params, files, abort.signal);
        call.ok = true;
        call.result = result;
        if ((method === "sendmessage" || method === "editmessagetext") && params.parse_mode === "HTML") {
          const parsed = parseTelegramHtml(String(params.text));
          if (parsed.ok) call.visibleText = parsed.text;
        } else if (typeof params.text === "string") {
          call.visibleText = params.text;
        }
        payload = { ok: true, result };
      } catch (err) {
        const e = err instanceof BotApiError ? err : new BotApiError(500, `Internal Server Error: ${(err as Error).message}`);
        status = e.code;
        call.errorCode = e.code;
        payload = { ok: false, error_code: e.code, description: e.description, ...(e.parameters ? { parameters: e.parameters } : {}) };
      }
      if (call.at === 0) {
        call.at = performance.now();
        calls.push(call);
      }
      for (const listener of listeners) listener(call);
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    })();
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    /** What grammY's `client.apiRoot` takes. */
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    me,
    /** Builders of realistic Update JSON; ids continue the fake's sequences. */
    updates,
    /** Every call so far, in arrival order (failed and still-pending ones included, with ok: false). */
    calls,
    /** The successful calls of one method. */
    callsOf(method: string): FakeCall[] {
      return calls.filter((c) => c.ok && c.method.toLowerCase() === method.toLowerCase());
    },
    /** Queues an update for getUpdates (long polling). */
    pushUpdate(update: Update): void {
      remember(update);
      queue.push(update);
      queue.sort((a, b) => a.update_id - b.update_id);
      deliverToPollers();
    },
    /** Updates queued but not yet confirmed by a getUpdates offset. */
    pendingUpdates(): number {
      return queue.length;
    },
    /** Makes the next `times` calls of `method` fail (429 with retry_after, or a 5xx/4xx). */
    failNext(method: string, failure: Failure, times = 1): void {
      const list = failures.get(method.toLowerCase()) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method.toLowerCase(), list);
    },
    /** Every call of `method` fails this way until `failure` is null again (Telegram down, then back). */
    outage(method: string, failure: Failure | null): void {
      if (failure) outages.set(method.toLowerCase(), failure);
      else outages.delete(method.toLowerCase());
    },
    /** The webhook the bot set, if any. */
    webhook: () => webhook,
    /** Commands set with setMyCommands, by language code ("" = default). */
    commands: (languageCode = "") => commands.get(languageCode),
    /** The message the bot sent to a chat with this id (as edited since). */
    message: (chatId: number, messageId: number) => messages.get(`${chatId}:${messageId}`),
    /** Called with each call as it is recorded. Returns an unsubscribe function. */
    onCall(listener: (call: FakeCall) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Resolves with the first recorded call (from index `since`) that matches; rejects after the deadline. */
    waitForCall(match: (call: FakeCall) => boolean, o: { since?: number; timeoutMs?: number } = {}): Promise<FakeCall> {
      const since = o.since ?? 0;
      const found = calls.slice(since).find((c) => c.ok && match(c));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`fake Bot API: no matching call within ${o.timeoutMs ?? 20_000} ms; calls since ${since}: ${calls.slice(since).map((c) => `${c.method}${c.ok ? "" : `(${c.errorCode})`}`).join(", ") || "none"}`));
        }, o.timeoutMs ?? 20_000);
        const off = this.onCall((c) => {
          if (c.ok && match(c)) {
            clearTimeout(timer);
            off();
            resolve(c);
          }
        });
      });
    },
    async close(): Promise<void> {
      for (const p of pollers) p.resolve([]);
      pollers = [];
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// Telegram guesses a document's MIME type from its file name (the upload says octet-stream).
const MIME: Record<string, string> = { pdf: "application/pdf", txt: "text/plain", ris: "application/x-research-info-systems", bib: "application/x-bibtex", png: "image/png", jpg: "image/jpeg", csv: "text/csv" };

function mimeOf(filename: string): string {
  return MIME[filename.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw bad("can't parse JSON object");
  }
}
