// The dialog side of the FAQ: a message that reads as a question about the library (not a catalogue
// search) is first looked up among the published FAQ entries. A close match is answered as coming
// from the library's librarians, with a button to ask a librarian anyway and one to search the
// catalogue for the same words. No match: the message is handled exactly as without this feature.
import type { DialogFeature } from "../dialog/engine.js";
import type { IntentRegistry } from "../dialog/intent-registry.js";
import { payload, type Intent } from "../dialog/intent.js";
import { plain } from "../dialog/markup.js";
import { tokenize } from "../dialog/normalize-text.js";
import { parseSearch } from "../dialog/parse-search.js";
import type { Reply } from "../dialog/reply.js";
import type { Turn } from "../dialog/turn.js";
import type { Logger } from "../logger.js";
import type { FaqMatch, FaqService } from "./faq-types.js";
import { readsAsFaqQuestion } from "../dialog/question-shape.js";

/**
 * Above the hours (60) and library-info (55) rules, so an FAQ entry written by a librarian ("Jam
 * berapa perpustakaan buka hari Sabtu?") wins over the generic answer; below privacy, language,
 * librarian, lessons and citation, whose words are explicit requests.
 */
export const FAQ_RULE_PRIORITY = 62;

/** Where the feature keeps the question the "search the catalogue" button refers to (DialogState.ext). */
const STATE_KEY = "faq";

type FaqState = { n: number; q: string };

/** Optional LLM step: an answer composed from the closest entries when none matches on its own. */
export type FaqComposer = (input: { question: string; entries: FaqMatch[]; locale: "id" | "en"; patronId: number | null }) => Promise<{ text: string; usedFaqIds: number[] } | null>;

export type FaqFeatureDeps = {
  faq: FaqService;
  log: Logger;
  compose?: FaqComposer;
  /** Lowest score of an entry handed to `compose` (default 0.4). */
  composeFloor?: number;
};

function readState(turn: Turn): FaqState | null {
  const v = turn.state.ext[STATE_KEY] as Partial<FaqState> | undefined;
  return v && typeof v.q === "string" && typeof v.n === "number" ? { n: v.n, q: v.q } : null;
}

/** Makes `intent` the intent the message would have had without the FAQ rule (afterTurn hooks then see that). */
function reroute(intent: Intent, next: Intent): void {
  for (const key of Object.keys(intent) as (keyof Intent)[]) delete intent[key];
  Object.assign(intent, next);
}

/** The FAQ dialog feature (rule "faq", intents "faq" and "faq_search"). */
export function createFaqFeature(deps: FaqFeatureDeps): DialogFeature {
  const composeFloor = deps.composeFloor ?? 0.4;

  function answerReply(turn: Turn, text: string, key: "faq.answer" | "faq.composed", question: string): Reply {
    const prev = readState(turn);
    const n = (prev?.n ?? 0) + 1;
    turn.state.ext[STATE_KEY] = { n, q: question } satisfies FaqState;
    return {
      text: `${turn.t(key, { answer: plain(text) })}\n\n${turn.t("faq.more_help")}`,
      buttons: [
        { label: turn.t("button.ask_librarian"), payload: payload("librarian") },
        { label: turn.t("faq.search_catalogue"), payload: payload("faq_search", n) },
      ],
    };
  }

  async function lookUp(turn: Turn, question: string): Promise<Reply | null> {
    try {
      const { match, closest } = await deps.faq.lookUp(question, turn.locale, 3);
      if (match) return answerReply(turn, match.answer, "faq.answer", question);
      if (!deps.compose) return null;
      const entries = closest.filter((e) => e.score >= composeFloor);
      if (entries.length === 0) return null;
      const composed = await deps.compose({ question, entries, locale: turn.locale, patronId: turn.patron.id });
      return composed ? answerReply(turn, composed.text, "faq.composed", question) : null;
    } catch (err) {
      // The FAQ is a shortcut; when it fails the question still gets its ordinary answer.
      deps.log.warn({ err }, "FAQ lookup failed; answering without it");
      return null;
    }
  }

  return {
    register(registry: IntentRegistry) {
      // Set while asking the other rules what the message would be without this one (fromText is synchronous).
      let bypass = false;
      const withoutFaq = (turn: Turn, raw: string): Intent => {
        bypass = true;
        try {
          const tokens = tokenize(raw);
          return registry.fromText({ raw, tokens, command: null, commandArg: "", branches: turn.branches, state: turn.state }) ?? { name: "search", arg: raw, via: "text" };
        } finally {
          bypass = false;
        }
      };

      registry.rule({
        name: "faq",
        priority: FAQ_RULE_PRIORITY,
        match({ raw, tokens }) {
          if (bypass || !readsAsFaqQuestion(raw, tokens)) return null;
          return { name: "faq", arg: raw, via: "text" };
        },
      });

      registry.handle("faq", async (turn, intent) => {
        const question = (intent.arg ?? "").trim();
        const reply = question ? await lookUp(turn, question) : null;
        if (reply) return [reply];
        const next = withoutFaq(turn, question);
        reroute(intent, next);
        return (registry.handler(next.name) ?? registry.handler("stale_button")!)(turn, intent);
      });

      registry.handle("faq_search", async (turn, intent) => {
        const saved = readState(turn);
        if (!saved || String(saved.n) !== intent.arg) return registry.handler("stale_button")!(turn, intent);
        const search: Intent = { name: "search", search: parseSearch(saved.q, turn.branches), via: intent.via };
        return registry.handler("search")!(turn, search);
      });
    },
  };
}
