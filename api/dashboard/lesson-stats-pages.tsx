// Lesson statistics for staff: the figures of GET /v1/lessons/stats (api/lessons/lesson-stats.ts),
// behind the staff login instead of the service token, in the dashboard's language.
import type { Hono } from "hono";
import type { Db } from "../db/prisma.js";
import type { LessonCatalog } from "../lessons/lesson-catalog.js";
import { lessonStats, type LessonStats } from "../lessons/lesson-stats.js";
import { requireStaff } from "./auth/staff-guard.js";
import { DASHBOARD_BASE, dashboardOf, type DashboardT, type AnyContext } from "./dashboard-context.js";
import { excerpt } from "./format.js";
import { Layout } from "./layout.js";

export const LESSON_STATS_PATH = `${DASHBOARD_BASE}/lessons`;

/** 0.756 -> "76 %"; "—" before anyone answered. */
function percent(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 100)} %`;
}

function LessonSection(props: { s: LessonStats; t: DashboardT }) {
  const { s, t } = props;
  return (
    <section aria-labelledby={`l-${s.lessonId}`}>
      <h2 id={`l-${s.lessonId}`}>{s.title}</h2>
      <dl class="facts">
        <dt>{t("dashboard.lessons.pillar")}</dt>
        <dd>{s.pillar}</dd>
        <dt>{t("dashboard.lessons.starts")}</dt>
        <dd>{s.starts}</dd>
        <dt>{t("dashboard.lessons.completions")}</dt>
        <dd>{`${s.completions} (${percent(s.completionRate)})`}</dd>
        <dt>{t("dashboard.lessons.runs")}</dt>
        <dd>{s.runs}</dd>
        <dt>{t("dashboard.lessons.drop_off")}</dt>
        <dd>{s.dropOffStep ? t("dashboard.lessons.drop_off_value", { step: s.dropOffStep.step, n: s.dropOffStep.learners }) : "—"}</dd>
      </dl>
      {s.questions.length === 0 ? null : (
        <table>
          <caption class="meta">{t("dashboard.lessons.questions")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.lessons.col_step")}</th>
              <th scope="col">{t("dashboard.lessons.col_question")}</th>
              <th scope="col">{t("dashboard.lessons.col_answered")}</th>
              <th scope="col">{t("dashboard.lessons.col_right_first")}</th>
              <th scope="col">{t("dashboard.lessons.col_right")}</th>
            </tr>
          </thead>
          <tbody>
            {s.questions.map((q) => (
              <tr>
                <td>{q.step}</td>
                <td class="text">{excerpt(q.prompt, 160)}</td>
                <td>{q.answered}</td>
                <td>{percent(q.shareRightFirstTry)}</td>
                <td>{percent(q.shareRight)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** GET /staff/lessons: every loaded lesson's starts, completions, drop-off step and question results. */
export function registerLessonStatsPages(app: Hono<any>, deps: { db: Db; catalog: LessonCatalog }): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  app.get(LESSON_STATS_PATH, requireStaff(), async (c: AnyContext) => {
    const { t, locale } = dashboardOf(c);
    const stats = await lessonStats(deps, { locale });
    return c.html(
      <Layout c={c} title={t("dashboard.lessons.title")} active="lessons">
        <p class="meta">{t("dashboard.lessons.hint")}</p>
        {stats.length === 0 ? <p>{t("dashboard.lessons.none")}</p> : stats.map((s) => <LessonSection s={s} t={t} />)}
      </Layout>,
    );
  });
}
