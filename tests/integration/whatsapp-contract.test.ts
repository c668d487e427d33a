// The shared channel journeys (tests/contract/channel-contract.ts) played on WhatsApp.
import { channelContract } from "../contract/channel-contract.js";
import { createWhatsAppDriver } from "../contract/whatsapp-driver.js";

channelContract(() => createWhatsAppDriver());
