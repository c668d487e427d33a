// Channel-neutral messages between the dialog engine and the channel adapters.
//
// Text markup (the only markup services may use; each channel renders it):
//   *bold*            -> Telegram <b>, WhatsApp *bold*, web <strong>
//   _italic_          -> Telegram <i>, WhatsApp _italic_, web <em>
//   [label](https://…) -> Telegram <a>, WhatsApp "label: https://…", web <a>
//   everything else is plain text; adapters escape it (Telegram HTML, web HTML).
// Line breaks are "\n". Keep replies short: many users read on cheap phones.

export type Button = { label: string; payload: string };

export type ReplyDocument = { filename: string; mimeType: string; base64: string };

export type ReplyImage = { mimeType: string; base64: string; caption?: string };

export type Reply = {
  text: string;
  buttons?: Button[];
  document?: ReplyDocument;
  image?: ReplyImage;
  /** Replace the message whose button was pressed (paging), instead of sending a new one. */
  edit?: boolean;
};

export type Channel = "telegram" | "whatsapp" | "web";

/** One incoming user action, as every channel adapter produces it. */
export type InboundMessage = {
  channel: Channel;
  userId: string;
  messageId: string;
  text?: string;
  payload?: string;
  displayName?: string;
  locale?: string;
};
