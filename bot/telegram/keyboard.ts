import type { InlineKeyboardMarkup } from "grammy/types";
import type { Button } from "../../api/dialog/reply.js";
import type { CallbackData } from "./callback-data.js";

// Short labels ("◀", "2", "Ya") sit side by side; book titles get a row each so they stay readable
// on a narrow phone screen.
function perRow(labels: string[]): number {
  const longest = Math.max(...labels.map((l) => [...l].length));
  if (longest <= 8) return 3;
  if (longest <= 18) return 2;
  return 1;
}

/** Reply buttons as an inline keyboard; payloads go through the 64-byte callback data mapping. */
export function inlineKeyboard(buttons: Button[] | undefined, callbackData: CallbackData): InlineKeyboardMarkup | undefined {
  if (!buttons?.length) return undefined;
  const width = perRow(buttons.map((b) => b.label));
  const rows: InlineKeyboardMarkup["inline_keyboard"] = [];
  for (let i = 0; i < buttons.length; i += width) {
    rows.push(buttons.slice(i, i + width).map((b) => ({ text: b.label, callback_data: callbackData.encode(b.payload) })));
  }
  return { inline_keyboard: rows };
}
