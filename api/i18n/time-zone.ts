// IANA time zone names as they come from configuration, branch rows and report forms.

/** True when the runtime knows the IANA zone name (PostgreSQL ships the same tz database). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
