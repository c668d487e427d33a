// The channel contract's WhatsApp player: residents write through messages.upsert events on the
// socket stand-in (shaped like Baileys' own, LID addressing), the adapter runs as in production
// (in-process API client, outbox client, PostgreSQL stores), and what reaches sendMessage is read
// back the way a resident sees it: text without *bold*/_italic_ markers, the numbered list as choices.
import crypto from "node:crypto";
import type { WAMessage } from "@whiskeysockets/baileys";
import { vi } from "vitest";
import { createInProcessClient } from "../../bot/client.js";
import { createInProcessOutboxClient } from "../../bot/outbox-client.js";
import { BOT_ACCOUNT, type FakeWhatsAppSocket, type SentRecord } from "../fakes/whatsapp-socket.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createWhatsAppHarness, type WhatsAppHarness } from "../support/whatsapp-harness.js";
import type { ChannelDriver, ChannelUser, ContractEnv, SeenMessage } from "./channel-contract.js";

const GROUP = "120363041234567890@g.us";
const PROMPT = /^(Balas|Reply) \d/;

/** Strips WhatsApp's *bold* and _italic_ markers at word edges, as the app displays them. */
function displayed(text: string): string {
  return text.replace(/(^|[^\p{L}\p{N}])([*_])(\S(?:[^\n]*?\S)?)\2(?=[^\p{L}\p{N}]|$)/gu, "$1$3");
}

/** What a resident sees of one sent message. */
export function seen(record: SentRecord): SeenMessage {
  const content = record.content as { text?: string; caption?: string; document?: Buffer; fileName?: string; mimetype?: string };
  const raw = content.text ?? content.caption ?? "";
  const blocks = raw.split("\n\n");
  let choices: string[] = [];
  if (blocks.length >= 3 && PROMPT.test(blocks.at(-1)!)) {
    const list = blocks.at(-2)!.split("\n");
    if (list.every((line, i) => line.startsWith(`${i + 1}. `))) {
      choices = list.map((line) => line.replace(/^\d+\. /, ""));
      blocks.splice(-2, 2);
    }
  }
  return {
    text: displayed(blocks.join("\n\n")),
    choices,
    ...(content.document ? { document: { fileName: content.fileName ?? "", mimeType: content.mimetype ?? "" } } : {}),
  };
}

/** Creates the WhatsApp driver for channelContract(). */
export function createWhatsAppDriver(): ChannelDriver {
  let h: WhatsAppHarness;
  let socket: FakeWhatsAppSocket;
  let env: ContractEnv;
  let users = 0;

  const upsert = async (message: WAMessage): Promise<SeenMessage[]> => {
    const before = socket.sent.length;
    socket.upsert({ type: "notify", messages: [message] });
    await h.handler.idle();
    return socket.sent.slice(before).map(seen);
  };

  return {
    channel: "whatsapp",
    async start(e) {
      env = e;
      const client = createInProcessClient(e.app, { serviceToken: e.serviceToken });
      h = await createWhatsAppHarness({
        db: e.db,
        log: memoryLogger(),
        send: (msg) => client.postMessage(msg),
        outbox: createInProcessOutboxClient(e.app, { serviceToken: e.serviceToken }),
      });
      socket = await h.connect(Math.floor(Date.now() / 1000));
      h.worker!.start();
    },
    async stop() {
      await h?.stop();
    },
    async newUser(name) {
      users += 1;
      const lid = `${String(7_000_000_000_000 + users)}00@lid`;
      const phone = `62812${String(10_000_000 + users)}@s.whatsapp.net`;
      let last: WAMessage | undefined;
      const message = (content: WAMessage["message"], group = false, mention = false): WAMessage => {
        const base = { id: `3EB0${crypto.randomBytes(8).toString("hex").toUpperCase()}`, fromMe: false, addressingMode: "lid" };
        const key = group ? { ...base, remoteJid: GROUP, participant: lid, participantAlt: phone } : { ...base, remoteJid: lid, remoteJidAlt: phone };
        const withMention =
          mention && content?.conversation
            ? { extendedTextMessage: { text: `@${BOT_ACCOUNT.lid!.split(":")[0]} ${content.conversation}`, contextInfo: { mentionedJid: [BOT_ACCOUNT.lid!.replace(/:\d+@/, "@")] } } }
            : content;
        last = { key, messageTimestamp: Math.floor(h.timers.now() / 1000), pushName: name, message: withMention } as WAMessage;
        return last;
      };
      const outboxSettled = async () => {
        h.worker!.nudge();
        await vi.waitFor(
          async () => {
            const open = await env.db.outbox.count({ where: { channel: "whatsapp", status: "pending", nextAttemptAt: { lte: new Date() } } });
            if (open > 0) throw new Error(`${open} outbox items still pending`);
          },
          { timeout: 20_000, interval: 20 },
        );
        await h.handler.idle();
      };
      // Messages to this resident already returned by write()/choose()/receiveOutbox().
      const toMe = () => socket.sent.filter((s) => s.jid === lid);
      let accounted = 0;
      const turn = async (m: WAMessage) => {
        const out = await upsert(m);
        accounted = toMe().length;
        return out;
      };
      const user: ChannelUser = {
        userId: lid,
        write: (text) => turn(message({ conversation: text })),
        choose: (n) => turn(message({ conversation: String(n) })),
        async redeliverLast() {
          if (!last) throw new Error("nothing was written yet");
          return turn(last);
        },
        sendSticker: () => turn(message({ stickerMessage: { mimetype: "image/webp", fileLength: 21402, isAnimated: false } })),
        writeInGroup: (text, opts) => upsert(message({ conversation: text }, true, opts.addressed)),
        async receiveOutbox() {
          await outboxSettled();
          const fresh = toMe().slice(accounted);
          accounted += fresh.length;
          return fresh.map(seen);
        },
      };
      return user;
    },
  };
}
