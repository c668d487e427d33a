import type { Channel, Reply } from "../dialog/reply.js";

/** What a channel worker sends for one outbox item: the same Replies the engine answers with. */
export type OutboxPayload = { replies: Reply[]; locale?: "id" | "en" };

export type OutboxStatus = "pending" | "held" | "sent" | "failed";

/** One outbox item as services and the API show it. */
export type OutboxItem = {
  id: number;
  channel: Channel;
  recipient: string;
  payload: OutboxPayload;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leasedUntil: Date | null;
  leaseId: string | null;
  sentAt: Date | null;
  error: string | null;
  dedupeKey: string | null;
  createdAt: Date;
};

/** An item handed to a worker: it owns it until `leasedUntil`, and acks or fails it with `leaseId`. */
export type LeasedOutboxItem = OutboxItem & { leaseId: string; leasedUntil: Date };
