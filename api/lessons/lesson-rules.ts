import type { Intent, TextRule } from "../dialog/intent.js";
import { onlyWords } from "../dialog/keywords.js";
import { getFocus } from "./lesson-focus.js";

const PAUSE = ["jeda", "berhenti", "stop", "keluar", "pause", "quit", "exit", "udahan", "cukup", "nanti", "later"];
const CONTINUE = ["lanjut", "lanjutkan", "terus", "next", "continue", "resume", "lagi", "ok", "oke", "sip"];
const RESTART = ["ulang", "ulangi", "mengulang", "restart", "mulai", "lagi", "dari", "awal", "start", "over", "again"];
const SKIP_NAME = ["lewati", "lewat", "skip", "batal", "cancel", "tidak", "gak", "nggak", "no", "tanpa", "sertifikat", "certificate"];
// Words that mean "show me the menu", never an answer to a quiz question.
const ESCAPE = ["menu", "bantuan", "help", "pelajaran", "lessons", "lesson", "daftar", "list"];

/** Text rules of the lessons feature; they only fire while the patron is in a lesson. */
export function lessonTextRules(): TextRule[] {
  return [
    {
      // While the certificate name is asked, the next message is the name.
      name: "lesson-name",
      priority: 97,
      match({ state, tokens, raw }): Intent | null {
        const focus = getFocus(state);
        if (!focus?.awaitingName) return null;
        if (onlyWords(tokens, SKIP_NAME)) return { name: "lcertskip", arg: String(focus.run), via: "text" };
        if (onlyWords(tokens, ESCAPE)) return null;
        return { name: "lname-typed", arg: raw, via: "text" };
      },
    },
    {
      name: "lesson-control",
      priority: 96,
      match({ state, tokens, raw }): Intent | null {
        const focus = getFocus(state);
        if (!focus || focus.awaitingName) return null;
        if (onlyWords(tokens, PAUSE)) return { name: "lpause", via: "text" };
        if (tokens.some((t) => ["ulang", "ulangi", "mengulang", "restart", "awal", "over"].includes(t)) && onlyWords(tokens, RESTART)) {
          return { name: "lrestart", arg: focus.lesson, via: "text" };
        }
        if (onlyWords(tokens, CONTINUE)) return { name: "lcontinue", via: "text" };
        // A text question is open: whatever the learner writes is the answer (the catalogue
        // lesson even asks them to type a search), unless they asked for the menu.
        if (focus.textStep !== undefined && !focus.interrupted && !onlyWords(tokens, ESCAPE)) {
          return { name: "ltext", arg: raw, via: "text" };
        }
        return null;
      },
    },
  ];
}
