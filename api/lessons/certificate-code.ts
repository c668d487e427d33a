import crypto from "node:crypto";

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives 0/O and 1/I mix-ups.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 10;

/** A fresh random code (50 bits): stored as "7KQ4M2XD9P", shown as "7KQ4M-2XD9P". */
export function newCertificateCode(random: (max: number) => number = crypto.randomInt): string {
  let out = "";
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[random(ALPHABET.length)];
  return out;
}

/** "7KQ4M-2XD9P" for printing. */
export function displayCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The stored form of what someone typed ("7kq4m 2xd9p", "7KQ4M-2XD9P", O for 0), or null if it cannot be a code. */
export function normalizeCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}
