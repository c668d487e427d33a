// The only place a real Baileys socket is made. Everything else sees the WhatsAppSocket port.
import makeWASocket, { Browsers } from "@whiskeysockets/baileys";
import type { Logger } from "../../api/logger.js";
import type { SocketFactory } from "./socket-port.js";

/** makeWASocket with the settings of a library assistant (no history, not shown as "online"). */
export function createBaileysSocketFactory(opts: { logger: Logger }): SocketFactory {
  return (auth) =>
    makeWASocket({
      auth,
      logger: opts.logger,
      // Shown in the phone's "Linked devices" list, so staff recognise the bot.
      browser: Browsers.ubuntu("Tanya Pustaka"),
      // "Online" would silence notifications on the library's phone.
      markOnlineOnConnect: false,
      // Old chats are not questions for the bot. The smaller history syncs stay on (Baileys'
      // default): they carry the LID mappings, and turning every sync off makes sessions unstable.
      syncFullHistory: false,
      generateHighQualityLinkPreview: false,
      // No message store: retries of messages we sent long ago are not answered.
      getMessage: async () => undefined,
    });
}
