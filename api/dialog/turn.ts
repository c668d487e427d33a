import type { Locale } from "../i18n/locale.js";
import type { MessageKey, MessageParams } from "../i18n/messages.js";
import type { BranchInfo } from "./branch-directory.js";
import type { DialogState } from "./dialog-state.js";
import type { InboundMessage } from "./reply.js";

export type PatronView = {
  id: number;
  channel: string;
  channelUserId: string;
  displayName: string | null;
  locale: Locale;
  privacyNoticeAt: Date | null;
  createdAt: Date;
};

/** One message being answered: who, what they have said before (state), and helpers for handlers. */
export type Turn = {
  msg: InboundMessage;
  patron: PatronView;
  /** Current locale; handlers may change it with setLocale. */
  readonly locale: Locale;
  t(key: MessageKey, params?: MessageParams): string;
  /** Mutable; saved after the handler returns. */
  state: DialogState;
  now: Date;
  branches: BranchInfo[];
  setLocale(locale: Locale): void;
  /** Marks the patron's data as deleted: the engine then neither saves state nor logs this message. */
  forgotten(): void;
};
