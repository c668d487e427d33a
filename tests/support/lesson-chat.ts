// Drives lessons through POST /v1/messages like a channel adapter: a Telegram user presses buttons
// (payloads), a WhatsApp user types the numbers the adapter shows next to them.
import { expect } from "vitest";
import type { App } from "../../api/app-env.js";
import type { Button, Reply } from "../../api/dialog/reply.js";
import type { Lesson } from "../../api/lessons/lesson-schema.js";

export const SERVICE_TOKEN = "lesson-test-service-token-0123";
const auth = { "content-type": "application/json", authorization: `Bearer ${SERVICE_TOKEN}` };

/** The buttons numbered choices refer to: those of the last reply that has any. */
export function lastButtons(replies: Reply[]): Button[] {
  return [...replies].reverse().find((r) => r.buttons?.length)?.buttons ?? [];
}

export function allText(replies: Reply[]): string {
  return replies.map((r) => r.text).join("\n---\n");
}

let seq = 0;

export type ChatUser = {
  userId: string;
  channel: "telegram" | "whatsapp" | "web";
  /** The replies to the last message. */
  last: Reply[];
  say(text: string): Promise<Reply[]>;
  /** Chooses the button whose label matches: a payload on Telegram, its number on WhatsApp. */
  choose(label: string | RegExp): Promise<Reply[]>;
  /** Presses a button that came some other way (an outbox message), by its payload. */
  press(payload: string): Promise<Reply[]>;
  /** Sends to another app instance from now on (a restarted service). */
  use(app: App): void;
};

/** A chat user on one channel talking to `app`. */
export function chatUser(app: App, channel: "telegram" | "whatsapp" | "web", displayName?: string): ChatUser {
  ++seq;
  const userId = channel === "whatsapp" ? `62${800000000 + seq}@s.whatsapp.net` : channel === "web" ? `webLearner${String(seq).padStart(10, "0")}` : String(500000 + seq);
  let n = 0;
  let current = app;
  const user: ChatUser = {
    userId,
    channel,
    last: [],
    async say(text) {
      return post({ text });
    },
    async choose(label) {
      const buttons = lastButtons(user.last);
      const i = buttons.findIndex((b) => (typeof label === "string" ? b.label === label : label.test(b.label)));
      expect(i, `no button ${String(label)} among ${JSON.stringify(buttons.map((b) => b.label))}`).toBeGreaterThanOrEqual(0);
      return channel === "whatsapp" ? post({ text: String(i + 1) }) : post({ payload: buttons[i]!.payload });
    },
    async press(payload) {
      return post({ payload });
    },
    use(app) {
      current = app;
    },
  };
  async function post(extra: Record<string, unknown>): Promise<Reply[]> {
    const body = { channel, userId, messageId: `${userId}-${++n}`, locale: "id", ...(displayName ? { displayName } : {}), ...extra };
    const res = await current.request("/v1/messages", { method: "POST", headers: auth, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    user.last = ((await res.json()) as { replies: Reply[] }).replies;
    return user.last;
  }
  return user;
}

/** The option labels of step `i`: the right one and the first wrong one. */
export function options(lesson: Lesson, i: number): { right: string; wrong: string; rightExplanation: string; wrongExplanation: string } {
  const q = lesson.steps[i]!.question;
  if (q?.type !== "choice") throw new Error(`step ${i} of ${lesson.id} is not a choice question`);
  const right = q.options.find((o) => o.correct)!;
  const wrong = q.options.find((o) => !o.correct)!;
  return { right: right.text, wrong: wrong.text, rightExplanation: right.explanation, wrongExplanation: wrong.explanation };
}
