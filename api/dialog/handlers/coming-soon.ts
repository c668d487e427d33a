import type { IntentRegistry } from "../intent-registry.js";
import { payload } from "../intent.js";
import { plain } from "../markup.js";

/**
 * Lessons, citation help and "tanya pustakawan" are in the menu but not built yet: they say so
 * plainly and point to what does work, instead of pretending. The features that build them replace
 * these handlers (registry names "lessons", "cite", "librarian").
 */
export function registerComingSoonHandlers(registry: IntentRegistry, opts: { replace?: string[] } = {}): void {
  const skip = new Set(opts.replace ?? []);
  if (!skip.has("lessons")) {
    registry.handle("lessons", async (turn) => [{ text: turn.t("soon.lessons"), buttons: [{ label: turn.t("button.menu"), payload: payload("menu") }] }]);
  }
  if (!skip.has("cite")) {
    registry.handle("cite", async (turn) => [{ text: turn.t("soon.citation"), buttons: [{ label: turn.t("button.menu"), payload: payload("menu") }] }]);
  }
  if (!skip.has("librarian")) {
    registry.handle("librarian", async (turn) => {
      const phones = turn.branches.filter((b) => b.phone).map((b) => turn.t("soon.librarian_phone", { branch: plain(b.shortName), phone: plain(b.phone!) }));
      const text = [turn.t("soon.librarian"), ...(phones.length > 0 ? [turn.t("soon.librarian_meanwhile"), ...phones] : [])].join("\n");
      return [{ text, buttons: [{ label: turn.t("button.addresses"), payload: payload("info") }, { label: turn.t("button.menu"), payload: payload("menu") }] }];
    });
  }
}
