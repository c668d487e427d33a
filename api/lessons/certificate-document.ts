import type { ReplyDocument } from "../dialog/reply.js";
import type { Locale } from "../i18n/locale.js";
import { displayCode } from "./certificate-code.js";
import { renderCertificatePdf } from "./certificate-pdf.js";
import type { CertificateRecord } from "./certificate-store.js";
import type { T } from "./lesson-replies.js";

const DATE_LOCALE: Record<Locale, string> = { id: "id-ID", en: "en-GB" };

/** "21 November 2026" in the library's time zone (the day the learner finished, where they live). */
export function certificateDate(locale: Locale, date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { day: "numeric", month: "long", year: "numeric", timeZone }).format(date);
}

/** Where anyone can check a certificate: PUBLIC_URL + /certificates/CODE, or the path alone without one. */
export function verificationUrl(publicUrl: string | undefined, code: string): string {
  return `${(publicUrl ?? "").replace(/\/+$/, "")}/certificates/${displayCode(code)}`;
}

/** The certificate as a PDF document for a Reply. */
export async function certificateDocument(
  cert: CertificateRecord,
  opts: { t: T; locale: Locale; publicUrl?: string; timeZone: string },
): Promise<ReplyDocument> {
  const { t, locale } = opts;
  const code = displayCode(cert.code);
  const bytes = await renderCertificatePdf(
    {
      issuer: t("lesson.certificate.issuer"),
      heading: t("lesson.certificate.heading"),
      awardedTo: t("lesson.certificate.awarded_to"),
      name: cert.learnerName,
      completed: t("lesson.certificate.completed"),
      lessonTitle: cert.lessonTitle,
      scoreLine: t("lesson.certificate.score", { score: cert.score, max: cert.maxScore }),
      dateLine: t("lesson.certificate.date", { date: certificateDate(locale, cert.issuedAt, opts.timeZone) }),
      codeLine: t("lesson.certificate.code", { code }),
      verifyLine: t("lesson.certificate.verify", { url: verificationUrl(opts.publicUrl, cert.code) }),
    },
    { issuedAt: cert.issuedAt, code },
  );
  return {
    filename: t("lesson.certificate.filename", { lesson: cert.lessonId, code: cert.code }),
    mimeType: "application/pdf",
    base64: Buffer.from(bytes).toString("base64"),
  };
}
