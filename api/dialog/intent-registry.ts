import type { Reply } from "./reply.js";
import type { Intent, TextInput, TextRule } from "./intent.js";
import type { Turn } from "./turn.js";

/** Answers one intent. Returns at most one reply with buttons (numbered choices refer to it). */
export type Handler = (turn: Turn, intent: Intent) => Promise<Reply[]>;

/** Where features plug in: handlers by intent name, slash commands, and text rules. */
export type IntentRegistry = {
  handle(name: string, handler: Handler): void;
  command(names: string[], toIntent: (arg: string) => Omit<Intent, "via">): void;
  rule(rule: TextRule): void;
  handler(name: string): Handler | undefined;
  /** The intent for a command, or null for an unknown one. */
  fromCommand(command: string, arg: string): Intent | null;
  /** The first matching rule by priority, or null. */
  fromText(input: TextInput): Intent | null;
};

/** An empty registry; features register themselves into it (see engine.ts for the core ones). */
export function createIntentRegistry(): IntentRegistry {
  const handlers = new Map<string, Handler>();
  const commands = new Map<string, (arg: string) => Omit<Intent, "via">>();
  const rules: TextRule[] = [];
  return {
    handle(name, handler) {
      if (handlers.has(name)) throw new Error(`intent "${name}" already has a handler`);
      handlers.set(name, handler);
    },
    command(names, toIntent) {
      for (const n of names) commands.set(n.toLowerCase(), toIntent);
    },
    rule(rule) {
      rules.push(rule);
      rules.sort((a, b) => b.priority - a.priority);
    },
    handler: (name) => handlers.get(name),
    fromCommand(command, arg) {
      const make = commands.get(command);
      return make ? { ...make(arg), via: "command" } : null;
    },
    fromText(input) {
      for (const rule of rules) {
        const intent = rule.match(input);
        if (intent) return intent;
      }
      return null;
    },
  };
}
