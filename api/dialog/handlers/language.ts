import { LOCALES } from "../../i18n/locale.js";
import type { IntentRegistry } from "../intent-registry.js";
import { payload } from "../intent.js";
import { toLocale } from "../../i18n/locale.js";
import { menuButtons } from "./menu.js";

/** /bahasa, "english please", "bahasa indonesia": switches and remembers the patron's language. */
export function registerLanguageHandlers(registry: IntentRegistry): void {
  registry.handle("lang", async (turn, intent) => {
    const target = intent.locale ?? toLocale(intent.arg);
    if (!target) {
      return [{ text: turn.t("lang.choose"), buttons: LOCALES.map((l) => ({ label: turn.t(`lang.name_${l}`), payload: payload("lang", l) })) }];
    }
    turn.setLocale(target);
    return [{ text: turn.t("lang.switched"), buttons: menuButtons(turn) }];
  });
}
