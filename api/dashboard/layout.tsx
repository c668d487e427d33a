// The frame of every dashboard page: header with the navigation, a flash message, the page.
// Plain HTML forms and one local stylesheet; no JavaScript, nothing from a CDN.
import { raw } from "hono/html";
import type { Child, PropsWithChildren } from "hono/jsx";
import { DASHBOARD_BASE, dashboardOf, type DashboardT, type AnyContext } from "./dashboard-context.js";
import type { MessageKey } from "../i18n/messages.js";

/** Navigation entries; `admin` ones are shown to admins only. Pages of other modules live at these paths. */
export const NAV: { id: string; href: string; label: MessageKey; admin?: boolean }[] = [
  { id: "queue", href: `${DASHBOARD_BASE}/queue`, label: "dashboard.nav.queue" },
  { id: "reports", href: `${DASHBOARD_BASE}/reports`, label: "dashboard.nav.reports" },
  { id: "lessons", href: `${DASHBOARD_BASE}/lessons`, label: "dashboard.nav.lessons" },
  { id: "faq", href: `${DASHBOARD_BASE}/faq`, label: "dashboard.nav.faq" },
  { id: "canned", href: `${DASHBOARD_BASE}/canned`, label: "dashboard.nav.canned" },
  { id: "telegram", href: `${DASHBOARD_BASE}/telegram`, label: "dashboard.nav.telegram" },
  { id: "accounts", href: `${DASHBOARD_BASE}/accounts`, label: "dashboard.nav.accounts", admin: true },
  { id: "outbox", href: `${DASHBOARD_BASE}/outbox`, label: "dashboard.nav.outbox", admin: true },
  { id: "whatsapp", href: `${DASHBOARD_BASE}/whatsapp`, label: "dashboard.nav.whatsapp", admin: true },
  { id: "import", href: `${DASHBOARD_BASE}/import`, label: "dashboard.nav.import", admin: true },
];

export type Flash = { kind: "ok" | "error"; text: string };

/** The hidden CSRF field every dashboard form must carry (checked on every POST). */
export function csrfField(c: AnyContext) {
  return <input type="hidden" name="_csrf" value={dashboardOf(c).csrfToken} />;
}

/** A POST form with the CSRF field already in it. */
export function PostForm(props: PropsWithChildren<{ c: AnyContext; action: string; class?: string; label?: string }>) {
  return (
    <form method="post" action={props.action} class={props.class} aria-label={props.label}>
      {csrfField(props.c)}
      {props.children}
    </form>
  );
}

/** A flash message: role=status for success, role=alert for errors. */
export function FlashMessage(props: { flash?: Flash | null }) {
  if (!props.flash) return null;
  return (
    <p class={`flash flash-${props.flash.kind}`} role={props.flash.kind === "error" ? "alert" : "status"}>
      {props.flash.text}
    </p>
  );
}

function Nav(props: { c: AnyContext; active?: string; t: DashboardT }) {
  const { session } = dashboardOf(props.c);
  if (!session) return null;
  const items = NAV.filter((n) => !n.admin || session.staff.role === "admin");
  return (
    <nav aria-label={props.t("dashboard.nav.label")}>
      <ul>
        {items.map((n) => (
          <li>
            <a href={n.href} aria-current={n.id === props.active ? "page" : undefined}>
              {props.t(n.label)}
            </a>
          </li>
        ))}
        <li class="who">
          <a href={`${DASHBOARD_BASE}/password`} aria-current={props.active === "password" ? "page" : undefined}>
            {session.staff.name}
          </a>
        </li>
        <li>
          <PostForm c={props.c} action={`${DASHBOARD_BASE}/logout`} class="inline">
            <button type="submit" class="link">{props.t("dashboard.nav.logout")}</button>
          </PostForm>
        </li>
      </ul>
    </nav>
  );
}

/** The path and query of the request, to come back to after switching the language. */
function currentPath(c: AnyContext): string {
  const url = new URL(c.req.url);
  return c.req.method === "GET" ? url.pathname + url.search : url.pathname;
}

export type LayoutProps = PropsWithChildren<{ c: AnyContext; title: string; active?: string; flash?: Flash | null }>;

/** The whole page: <html> with the header, navigation, flash and the content. */
export function Layout(props: LayoutProps) {
  const { t, locale, mustChangePassword, session } = dashboardOf(props.c);
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · ${t("dashboard.app_name")}`}</title>
          <link rel="stylesheet" href={`${DASHBOARD_BASE}/assets/dashboard.css`} />
        </head>
        <body>
          <a class="skip" href="#main">{t("dashboard.skip_to_content")}</a>
          <header>
            <p class="brand">{t("dashboard.app_name")}</p>
            <Nav c={props.c} active={props.active} t={t} />
          </header>
          <main id="main" tabindex={-1}>
            <p class="lang">
              <a href={`${DASHBOARD_BASE}/lang?to=${locale === "id" ? "en" : "id"}&back=${encodeURIComponent(currentPath(props.c))}`} lang={locale === "id" ? "en" : "id"}>
                {locale === "id" ? "English" : "Bahasa Indonesia"}
              </a>
            </p>
            {session && mustChangePassword && props.active !== "password" ? (
              <p class="flash flash-error" role="alert">{t("dashboard.password.must_change")}</p>
            ) : null}
            <FlashMessage flash={props.flash} />
            <h1>{props.title}</h1>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

/** A small page for 403/404/409 answers inside the frame. */
export function MessagePage(props: { c: AnyContext; title: string; text: string; back?: { href: string; label: string } }): Child {
  return (
    <Layout c={props.c} title={props.title}>
      <p>{props.text}</p>
      {props.back ? <p><a href={props.back.href}>{props.back.label}</a></p> : null}
    </Layout>
  );
}
