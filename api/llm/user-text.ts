// User text goes to the model as data between markers, never as instructions. The system prompts
// say so; here we make sure the user cannot close the block early or fake a marker of their own.

export const USER_TEXT_OPEN = "<<<PESAN_PENGGUNA>>>";
export const USER_TEXT_CLOSE = "<<<AKHIR_PESAN_PENGGUNA>>>";

/** Removes anything that looks like our markers or chat-template tokens from user text. */
export function sanitizeUserText(text: string, maxChars = 1000): string {
  return [...text
    .replace(/<<<[^>]*>>>/g, " ")
    .replace(/<\|[^|>]*\|>/g, " ")
    .replace(/[<>]{3,}/g, " ")
    // Control characters could hide text from a librarian reading the log; newlines are kept.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")]
    .slice(0, maxChars)
    .join("")
    .trim();
}

/** The user message as it is put into a prompt: sanitised and between the markers. */
export function delimitUserText(text: string, maxChars = 1000): string {
  return `${USER_TEXT_OPEN}\n${sanitizeUserText(text, maxChars)}\n${USER_TEXT_CLOSE}`;
}
