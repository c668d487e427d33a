// Remembers which choices each numbered list we sent stood for, by WhatsApp message id, so a
// user who quotes an older list and answers "2" gets that list's second choice. Bounded and in
// memory: after a restart a quoted number falls back to the engine's "latest list" mapping.
import type { Button } from "../../api/dialog/reply.js";

export type SentButtons = {
  remember(messageId: string, buttons: Button[]): void;
  get(messageId: string): Button[] | undefined;
};

/** A least-recently-used map of sent message id -> buttons. */
export function createSentButtons(maxEntries = 5000): SentButtons {
  const map = new Map<string, Button[]>();
  return {
    remember(messageId, buttons) {
      map.delete(messageId);
      map.set(messageId, buttons);
      if (map.size > maxEntries) map.delete(map.keys().next().value!);
    },
    get(messageId) {
      const buttons = map.get(messageId);
      if (buttons) {
        map.delete(messageId);
        map.set(messageId, buttons);
      }
      return buttons;
    },
  };
}
