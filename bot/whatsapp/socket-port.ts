// The part of a Baileys socket the adapter uses. The real one comes from makeWASocket
// (baileys-socket.ts); tests pass a stand-in with the same event emitter shape.
import type {
  AnyMessageContent,
  AuthenticationState,
  BaileysEventEmitter,
  Contact,
  MiscMessageGenerationOptions,
  WAMessage,
  WAMessageKey,
  WAPresence,
} from "@whiskeysockets/baileys";

export type WhatsAppSocket = {
  ev: Pick<BaileysEventEmitter, "on" | "off">;
  /** The paired account (id = phone JID with device, lid = its LID); undefined before pairing. */
  user: Contact | undefined;
  sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined>;
  readMessages(keys: WAMessageKey[]): Promise<void>;
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  end(error: Error | undefined): Promise<void> | void;
};

/** Opens one connection with the given auth state; a new socket is made for every reconnect. */
export type SocketFactory = (auth: AuthenticationState) => WhatsAppSocket;
