// Staff passwords: scrypt from node:crypto, stored as "scrypt$N$r$p$salt$hash" (salt and hash in
// base64url) so the cost can be raised later without breaking stored hashes.
import crypto from "node:crypto";

// N=2^15, r=8 costs 32 MiB and about 100 ms per hash: slow for guessing, fine for a login.
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_N = 1 << 20;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r or node refuses the parameters.
    crypto.scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** Whether the password matches a stored hash (constant-time compare); false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every(Number.isInteger) || n < 2 || n > MAX_N || (n & (n - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, "base64url");
  const expected = Buffer.from(parts[5]!, "base64url");
  if (expected.length !== KEY_LENGTH || salt.length < 8) return false;
  const actual = await scrypt(password, salt, n, r, p);
  return crypto.timingSafeEqual(actual, expected);
}

// Used for unknown e-mail addresses so a login takes as long whether or not the account exists.
let dummyHash: Promise<string> | undefined;
/** Spends the time of one verification without an account to compare against. */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(crypto.randomBytes(12).toString("hex"));
  await verifyPassword(password, await dummyHash);
  return false;
}

// No 0/O, 1/l/I: the one-time password is read off a terminal and typed by hand.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random one-time password of 16 characters (about 93 bits). */
export function generatePassword(length = 16): string {
  let out = "";
  while (out.length < length) {
    const byte = crypto.randomBytes(1)[0]!;
    // Reject bytes that would bias the choice (256 is not a multiple of the alphabet size).
    if (byte < Math.floor(256 / ALPHABET.length) * ALPHABET.length) out += ALPHABET[byte % ALPHABET.length];
  }
  return out;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): "too_short" | "too_long" | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "too_short";
  // scrypt takes any length, but a huge body is only a way to burn CPU.
  if (password.length > 200) return "too_long";
  return null;
}
