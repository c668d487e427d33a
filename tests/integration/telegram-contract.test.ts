// The shared channel journeys (tests/contract/channel-contract.ts) played on Telegram.
import { channelContract } from "../contract/channel-contract.js";
import { createTelegramDriver } from "../contract/telegram-driver.js";

channelContract(() => createTelegramDriver());
