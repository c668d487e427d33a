// Staff screens about deliveries never show a patron's full phone number or chat id: only the
// last four characters, enough to tell two items apart or match a complaint.

const KEEP = 4;

/** "6281234567890@s.whatsapp.net" -> "•••7890"; "7770001234" -> "•••1234"; short ids are hidden entirely. */
export function maskRecipient(recipient: string): string {
  const id = recipient.split("@")[0]!.trim();
  if (id.length <= KEEP) return "•".repeat(KEEP);
  return `•••${id.slice(-KEEP)}`;
}

/**
 * Error text with phone numbers and chat ids (six or more digits in a row, or "+62 812-…") masked
 * the same way; dates and status codes have shorter digit runs and stay readable.
 */
export function maskDigits(text: string): string {
  return text.replace(/\+\d[\d\s-]{6,}\d|\d{6,}/g, (run) => `•••${run.replace(/\D/g, "").slice(-KEEP)}`);
}
