// What the WhatsApp worker needs of the outbox API (POST /v1/outbox/pull, /:id/ack, /fail, /hold).
import type { OutboxPayload } from "../api/outbox/outbox-types.js";

export type PulledItem = { id: number; recipient: string; payload: OutboxPayload; attempts: number; leaseId: string };

export type OutboxPort = {
  pull(input: { channel: "whatsapp" | "telegram" | "web"; limit: number; recipient?: string }): Promise<PulledItem[]>;
  ack(id: number, leaseId: string): Promise<void>;
  fail(id: number, input: { error: string; final?: boolean; leaseId: string }): Promise<void>;
  hold(id: number, input: { reason: string; leaseId: string }): Promise<void>;
};
