// The WhatsApp pairing page inside the dashboard (admins): the QR code to scan, the pairing code,
// the connection status and "show a new QR code". Same data as the token-protected
// /admin/whatsapp page (kept for headless operators), but behind the staff login and CSRF.
import type { Hono } from "hono";
import QRCode from "qrcode";
import type { MessageKey } from "../i18n/messages.js";
import type { WhatsAppAdminDeps } from "../routes/whatsapp-admin.js";
import { requireStaff } from "./auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, type AnyContext } from "./dashboard-context.js";
import { Layout, PostForm, type Flash } from "./layout.js";

export const WHATSAPP_PAGE_PATH = `${DASHBOARD_BASE}/whatsapp`;

const KNOWN_STATUS = new Set(["connecting", "pairing", "open", "reconnecting", "logged_out", "pairing_expired", "replaced", "stopped"]);
const CAN_REQUEST = new Set(["pairing_expired", "logged_out", "replaced", "stopped"]);

/** GET /staff/whatsapp and POST /staff/whatsapp/pair (admins only); `deps` is null when WhatsApp is off. */
export function registerWhatsAppPages(app: Hono<any>, deps: Pick<WhatsAppAdminDeps, "status" | "requestPairing"> | null): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  app.get(WHATSAPP_PAGE_PATH, requireStaff({ role: "admin" }), async (c: AnyContext) => {
    const { t } = dashboardOf(c);
    const s = deps ? await deps.status() : null;
    const status = s?.status && KNOWN_STATUS.has(s.status) ? s.status : "stopped";
    const waiting = status === "pairing" || status === "connecting" || status === "reconnecting";
    // The QR code rotates every ~20 s while pairing; the Refresh header keeps the page current without script.
    c.header("refresh", String(waiting ? 5 : 30));
    const qr = s?.qr && status === "pairing" ? await QRCode.toString(s.qr, { type: "svg", margin: 2, errorCorrectionLevel: "L" }) : null;
    const flash: Flash | null = c.req.query("done") === "pair" ? { kind: "ok", text: t("dashboard.whatsapp.requested") } : null;
    return c.html(
      <Layout c={c} title={t("dashboard.whatsapp.title")} active="whatsapp" flash={flash}>
        <p data-status={status}><strong>{t(`dashboard.whatsapp.status_${status}` as MessageKey)}</strong></p>
        {qr ? <img class="qr" width="288" height="288" alt={t("dashboard.whatsapp.qr_alt")} src={`data:image/svg+xml;base64,${Buffer.from(qr).toString("base64")}`} /> : null}
        {s?.pairingCode && status === "pairing" ? (
          <p>
            {t("dashboard.whatsapp.pairing_code")} <code>{s.pairingCode}</code>
          </p>
        ) : null}
        {s?.lastError ? <p class="meta">{t("dashboard.whatsapp.last_error", { error: s.lastError })}</p> : null}
        {!deps ? <p>{t("dashboard.whatsapp.disabled")}</p> : null}
        {deps && CAN_REQUEST.has(status) ? (
          <PostForm c={c} action={`${WHATSAPP_PAGE_PATH}/pair`}>
            <button type="submit">{t("dashboard.whatsapp.new_qr")}</button>
          </PostForm>
        ) : null}
      </Layout>,
    );
  });
  app.post(`${WHATSAPP_PAGE_PATH}/pair`, requireStaff({ role: "admin" }), async (c: AnyContext) => {
    if (!deps) return c.redirect(WHATSAPP_PAGE_PATH, 303);
    await deps.requestPairing();
    return c.redirect(`${WHATSAPP_PAGE_PATH}?done=pair`, 303);
  });
}
