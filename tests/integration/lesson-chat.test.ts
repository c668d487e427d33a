import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import type { App } from "../../api/app-env.js";
import { createDialogEngine } from "../../api/dialog/engine.js";
import type { Reply } from "../../api/dialog/reply.js";
import { loadLessonCatalog, type LessonCatalog } from "../../api/lessons/lesson-catalog.js";
import { createLessonFeature } from "../../api/lessons/lesson-feature.js";
import type { Lesson } from "../../api/lessons/lesson-schema.js";
import { createDialogLibrary, testClock, type DialogLibrary } from "../support/dialog-library.js";
import { allText, chatUser, lastButtons, options, SERVICE_TOKEN, type ChatUser } from "../support/lesson-chat.js";
import { pdfText } from "../support/pdf-text.js";
import path from "node:path";

let lib: DialogLibrary;
const catalog: LessonCatalog = loadLessonCatalog();
const clock = testClock("2026-11-22T02:00:00Z");
const PUBLIC_URL = "https://pustaka.example";

/** A fresh engine, lessons feature and app over the same database: what a restart of the service gives. */
function startService(lessons: LessonCatalog = catalog): App {
  // A learner answering quickly would hit the per-user rate limit of a frozen test clock.
  const config = lib.config({ SERVICE_TOKEN, PUBLIC_URL, RATE_LIMIT_MESSAGES: "10000" });
  const feature = createLessonFeature({ db: lib.db, catalog: lessons, log: lib.log, clock, publicUrl: PUBLIC_URL });
  const dialog = createDialogEngine({ db: lib.db, catalogue: lib.catalogue, config, log: lib.log, clock, features: [feature] });
  return createApp({ db: lib.db, search: lib.search, config, log: lib.log, catalogue: lib.catalogue, dialog, lessons: feature });
}

beforeAll(async () => {
  lib = await createDialogLibrary();
});
afterAll(async () => {
  await lib?.close();
});

/** Answers the current step right (choice or typed) and moves on; returns the replies of "next". */
async function passStep(user: ChatUser, lesson: Lesson, i: number): Promise<Reply[]> {
  const step = lesson.steps[i]!;
  expect(allText(user.last)).toContain(`Langkah ${i + 1}/${lesson.steps.length}`);
  if (step.question?.type === "choice") {
    const r = await user.choose(options(lesson, i).right);
    expect(r[0]!.text).toMatch(/^✅ Benar!/);
  } else if (step.question?.type === "text") {
    const r = await user.say(step.question.model_answer);
    expect(r[0]!.text).toMatch(/^✅ Tepat!/);
  }
  return user.choose(i === lesson.steps.length - 1 ? "Selesai ✓" : "Lanjut ▶");
}

function certificateOf(replies: Reply[]): { code: string; pdf: ReturnType<typeof pdfText>; filename: string; mimeType: string } {
  const doc = replies.find((r) => r.document);
  expect(doc, allText(replies)).toBeDefined();
  const code = /Kode verifikasi: ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(doc!.text)![1]!;
  return { code, pdf: pdfText(Buffer.from(doc!.document!.base64, "base64")), filename: doc!.document!.filename, mimeType: doc!.document!.mimeType };
}

describe("a resident takes a digital-literacy lesson in the chat", () => {
  it("on Telegram with buttons: a wrong answer and its retry, a catalogue search in between, a restart of the service, the end, a certificate anyone can verify", async () => {
    const hoaks = catalog.get("hoaks", "id")!;
    let app = startService();
    const maria = chatUser(app, "telegram", "Maria");

    let r = await maria.say("pelajaran");
    const labels = lastButtons(r).map((b) => b.label);
    expect(labels).toContain("Mengenali hoaks dan cek fakta · Budaya digital · 7 mnt");
    expect(labels.filter((l) => l.startsWith("✓"))).toEqual([]);

    r = await maria.choose(/^Mengenali hoaks/);
    expect(r[0]!.text).toContain("*Mengenali hoaks dan cek fakta*");
    expect(r[0]!.text).toContain("Ketik *jeda*");
    expect(r[1]!.text).toContain("*Langkah 1/7*");
    const q1 = options(hoaks, 0);
    expect(lastButtons(r).map((b) => b.label)).toContain(q1.right);

    r = await maria.choose(q1.wrong);
    expect(r[0]!.text).toContain("❌ Belum tepat.");
    expect(r[0]!.text).toContain(q1.wrongExplanation);
    expect(r[0]!.text).toContain("Coba sekali lagi");
    expect(lastButtons(r).map((b) => b.label)).not.toContain(q1.wrong);

    r = await maria.choose(q1.right);
    expect(r[0]!.text).toBe(`✅ Benar! ${q1.rightExplanation}`);
    r = await maria.choose("Lanjut ▶");
    expect(r[0]!.text).toContain("*Langkah 2/7*");

    // A catalogue question in the middle: answered, and the lesson waits with a way back.
    r = await maria.say("ada buku laskar pelangi gak?");
    expect(allText(r)).toContain("Laskar Pelangi");
    expect(lastButtons(r).at(-1)!.label).toBe("▶ Lanjutkan pelajaran (2/7)");

    // The service restarts; the chat goes on where it was.
    app = startService();
    maria.use(app);
    r = await maria.choose("▶ Lanjutkan pelajaran (2/7)");
    expect(r[0]!.text).toContain("Melanjutkan *Mengenali hoaks dan cek fakta* dari Langkah 2/7");
    expect(r[0]!.text).toContain("*Langkah 2/7*");

    for (let i = 1; i < hoaks.steps.length; i++) await passStep(maria, hoaks, i);
    r = maria.last;
    expect(r[0]!.text).toContain("Selamat, kamu menyelesaikan “Mengenali hoaks dan cek fakta”");
    expect(r[0]!.text).toContain("Skor: 6 dari 6");
    expect(r[1]!.text).toContain("tulis nama lengkapmu");
    expect(lastButtons(r).map((b) => b.label)).toContain("✅ Pakai “Maria”");

    r = await maria.say("Maria Ndolu");
    const cert = certificateOf(r);
    expect(cert.mimeType).toBe("application/pdf");
    expect(cert.filename).toBe(`sertifikat-hoaks-${cert.code.replace("-", "")}.pdf`);
    expect(cert.pdf.lines).toEqual(
      expect.arrayContaining(["Maria Ndolu", "Mengenali hoaks dan cek fakta", "Skor: 6 dari 6 pertanyaan dijawab benar", "Diterbitkan 22 November 2026", `Kode verifikasi: ${cert.code}`]),
    );
    expect(cert.pdf.lines.join("\n")).toContain(`${PUBLIC_URL}/certificates/${cert.code}`);
    expect(allText(r)).toContain(`${PUBLIC_URL}/certificates/${cert.code}`);

    // Anyone can check it: name, lesson and date, nothing else.
    const page = await app.request(`/certificates/${cert.code}`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Sertifikat ini asli");
    expect(html).toContain("Maria Ndolu");
    expect(html).toContain("Mengenali hoaks dan cek fakta");
    expect(html).toContain("22 November 2026");
    expect(html).not.toContain("telegram");
    expect(html).not.toContain(maria.userId);
    const json = await app.request(`/certificates/${cert.code.toLowerCase()}`, { headers: { accept: "application/json" } });
    expect(await json.json()).toEqual({ code: cert.code, name: "Maria Ndolu", lesson: "Mengenali hoaks dan cek fakta", date: "2026-11-22" });
    expect((await app.request("/certificates/ZZZZZ-ZZZZZ", { headers: { accept: "application/json" } })).status).toBe(404);
    const unknown = await app.request("/certificates/not-a-code");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Kode tidak dikenal");

    // The list now shows the lesson as done.
    r = await maria.say("/belajar");
    expect(lastButtons(r).map((b) => b.label)).toContain("✓ Mengenali hoaks dan cek fakta · Budaya digital · 7 mnt");

    // A typo in the name is fixed: same code, new name.
    r = await maria.choose(/^✓ Mengenali hoaks/);
    expect(r[0]!.text).toContain("Kamu sudah menyelesaikan *Mengenali hoaks dan cek fakta* (skor 6/6)");
    r = await maria.choose("📄 Minta sertifikat");
    expect(certificateOf(r).code).toBe(cert.code);
    r = await maria.choose("✏️ Ganti nama");
    expect(r[0]!.text).toContain("tulis nama lengkapmu");
    r = await maria.say("Maria Goreti Ndolu");
    const renamed = certificateOf(r);
    expect(renamed.code).toBe(cert.code);
    expect(renamed.pdf.lines).toContain("Maria Goreti Ndolu");
    const again = await app.request(`/certificates/${cert.code}`, { headers: { accept: "application/json" } });
    expect(((await again.json()) as { name: string }).name).toBe("Maria Goreti Ndolu");
  });

  it("on WhatsApp with numbers: two wrong answers show the right one, a retry, a search in between and 'lanjut', the score and a certificate", async () => {
    const lesson = catalog.get("keamanan-akun", "id")!;
    const app = startService();
    const yohanes = chatUser(app, "whatsapp", "Yohanes Boli");

    let r = await yohanes.say("mau belajar");
    expect(r.some((x) => x.text.includes("Pelajaran literasi digital"))).toBe(true);
    r = await yohanes.choose(/^Menjaga keamanan akun/);
    expect(yohanes.last).toBe(r);
    expect(r[1]!.text).toContain(`*Langkah 1/${lesson.steps.length}*`);

    // Step 1: wrong twice; the bot shows the right answer and moves on.
    const q1 = options(lesson, 0);
    r = await yohanes.choose(q1.wrong);
    expect(r[0]!.text).toContain("Coba sekali lagi");
    const q1Second = lastButtons(r).find((b) => b.label !== q1.right)!.label;
    r = await yohanes.choose(q1Second);
    expect(r[0]!.text).toContain(`Jawaban yang benar: *${q1.right}*`);
    r = await yohanes.say("1"); // "Lanjut ▶" is the first choice
    expect(r[0]!.text).toContain(`*Langkah 2/${lesson.steps.length}*`);

    // Step 2: wrong, then right on the retry.
    const q2 = options(lesson, 1);
    await yohanes.choose(q2.wrong);
    r = await yohanes.choose(q2.right);
    expect(r[0]!.text).toMatch(/^✅ Benar!/);
    await yohanes.choose("Lanjut ▶");

    // A search in the middle; "lanjut" brings the step back instead of skipping it.
    r = await yohanes.say("ada buku bumi manusia?");
    expect(allText(r)).toContain("Bumi Manusia");
    expect(lastButtons(r).at(-1)!.label).toBe(`▶ Lanjutkan pelajaran (3/${lesson.steps.length})`);
    r = await yohanes.say("lanjut");
    expect(r[0]!.text).toContain(`*Langkah 3/${lesson.steps.length}*`);
    expect(lastButtons(r).map((b) => b.label)).toContain(options(lesson, 2).right);

    for (let i = 2; i < lesson.steps.length; i++) await passStep(yohanes, lesson, i);
    const questions = lesson.steps.filter((s) => s.question).length;
    expect(yohanes.last[0]!.text).toContain(`Skor: ${questions - 1} dari ${questions}`);
    r = await yohanes.choose("✅ Pakai “Yohanes Boli”");
    const cert = certificateOf(r);
    expect(cert.pdf.lines).toContain("Yohanes Boli");
    expect(cert.pdf.lines).toContain(`Kode verifikasi: ${cert.code}`);
    const json = await app.request(`/certificates/${cert.code}`, { headers: { accept: "application/json" } });
    expect(await json.json()).toMatchObject({ name: "Yohanes Boli", lesson: "Menjaga keamanan akun" });

    // /dataku tells what the lessons keep; /hapusdata removes it, certificate included.
    r = await yohanes.say("/dataku");
    expect(r[0]!.text).toContain("• Pelajaran: 1 selesai, 0 belum selesai; pengingat mati");
    expect(r[0]!.text).toContain("• Sertifikat: 1, atas nama “Yohanes Boli”");
    await yohanes.say("/hapusdata");
    await yohanes.say("ya");
    expect((await app.request(`/certificates/${cert.code}`, { headers: { accept: "application/json" } })).status).toBe(404);
    expect(await lib.db.lessonProgress.count({ where: { patron: { channelUserId: yohanes.userId } } })).toBe(0);
  });

  it("a learner pauses, starts over, and switches to English mid-lesson without losing the step", async () => {
    const app = startService();
    const sari = chatUser(app, "telegram", "Sari");
    await sari.say("/belajar");
    await sari.choose(/^Waspada penipuan digital/);
    const lesson = catalog.get("penipuan-digital", "id")!;
    await passStep(sari, lesson, 0);
    let r = await sari.say("jeda");
    expect(r[0]!.text).toContain(`dijeda di Langkah 2/${lesson.steps.length}`);
    expect(lastButtons(r).map((b) => b.label)).toEqual([`▶ Lanjutkan pelajaran (2/${lesson.steps.length})`, "🔔 Ingatkan saya", "🎓 Daftar pelajaran"]);
    r = await sari.choose(/^▶ Lanjutkan pelajaran/);
    expect(r[0]!.text).toContain(`Langkah 2/${lesson.steps.length}`);
    // Answered, then away to the list: coming back shows the step with "next", not the question again.
    await sari.choose(options(lesson, 1).right);
    await sari.say("pelajaran");
    r = await sari.choose(/^▶ Waspada penipuan digital · Langkah 2\//);
    expect(r[0]!.text).toContain(`Langkah 2/${lesson.steps.length}`);
    expect(r[0]!.text).not.toContain("❓");
    expect(lastButtons(r).map((b) => b.label)).toEqual(["Lanjut ▶", "⏸ Jeda"]);
    r = await sari.say("ulangi dari awal");
    expect(r[0]!.text).toContain("Mulai lagi dari awal");
    expect(r[1]!.text).toContain(`*Langkah 1/${lesson.steps.length}*`);
    await sari.say("english please");
    r = await sari.say("continue");
    const en = catalog.get("penipuan-digital", "en")!;
    expect(r[0]!.text).toContain(`*Step 1/${en.steps.length}* · ${en.title}`);
    expect(lastButtons(r).map((b) => b.label)).toContain(options(en, 0).right);
  });

  it("in the web chat the same lesson runs with buttons, without a reminder offer (the web chat cannot receive later messages)", async () => {
    const app = startService();
    const web = chatUser(app, "web");
    let r = await web.say("pelajaran");
    expect(lastButtons(r).map((b) => b.label).some((l) => l.includes("Ingatkan"))).toBe(false);
    r = await web.choose(/^Jejak digital/);
    expect(allText(r)).toContain("*Langkah 1/");
    r = await web.say("jeda");
    expect(lastButtons(r).map((b) => b.label)).toEqual([expect.stringMatching(/^▶ Lanjutkan pelajaran/), "🎓 Daftar pelajaran"]);
  });

  it("a service started with a broken lesson file lists the lessons that loaded", async () => {
    const fixtures = loadLessonCatalog({ dir: path.resolve(import.meta.dirname, "../fixtures/lessons") });
    const app = startService(fixtures);
    const budi = chatUser(app, "telegram");
    expect((await budi.say("/start"))[0]!.text).toContain("• pelajaran singkat literasi digital");
    const r = await budi.say("pelajaran");
    expect(lastButtons(r).map((b) => b.label)).toEqual(["Pelajaran mini untuk tes · Cakap digital · 3 mnt", "🔔 Ingatkan saya"]);
  });
});

describe("librarians see how the lessons are doing", () => {
  it("per lesson: starts, completions, rate, drop-off step and the share right per question; only with the service token", async () => {
    const app = startService();
    const denied = await app.request("/v1/lessons/stats");
    expect(denied.status).toBe(401);
    const res = await app.request("/v1/lessons/hoaks/stats", { headers: { authorization: `Bearer ${SERVICE_TOKEN}` } });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as { starts: number; completions: number; completionRate: number; questions: { stepId: string; answered: number; shareRightFirstTry: number; shareRight: number }[] };
    expect(stats).toMatchObject({ lessonId: "hoaks", starts: 1, completions: 1, completionRate: 1 });
    expect(stats.questions[0]).toMatchObject({ stepId: "ciri", answered: 1, shareRightFirstTry: 0, shareRight: 1 });
    expect(stats.questions[1]).toMatchObject({ stepId: "sumber", answered: 1, shareRightFirstTry: 1 });

    const all = await app.request("/v1/lessons/stats?locale=en", { headers: { authorization: `Bearer ${SERVICE_TOKEN}` } });
    const body = (await all.json()) as { lessons: { lessonId: string; title: string; starts: number; completions: number; dropOffStep: { step: number } | null }[] };
    expect(body.lessons).toHaveLength(8);
    const scams = body.lessons.find((l) => l.lessonId === "penipuan-digital")!;
    // Sari restarted and stopped at step 1: one learner, not two runs, and the step where she stopped.
    expect(scams).toMatchObject({ title: "Watch out for online scams", starts: 1, completions: 0, dropOffStep: { step: 1 } });
    expect((await app.request("/v1/lessons/nope/stats", { headers: { authorization: `Bearer ${SERVICE_TOKEN}` } })).status).toBe(404);
  });
});
