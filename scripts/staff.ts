// `npm run staff -- add <email> --role admin|librarian [--name "Rina"] [--branch CODE] [--password-stdin]`
// `npm run staff -- list` · `npm run staff -- reset-password <email> [--password-stdin]` · `npm run staff -- disable <email>`
// Works on DATABASE_URL, or on the embedded database under DATA_DIR (migrated first; the service
// must be stopped then, it keeps the embedded database to itself). A generated one-time password
// is printed on stdout once and must be changed at the first login; nothing secret goes to the log.
import { parseArgs } from "node:util";
import pino from "pino";
import { ConfigError, loadConfig } from "../api/config.js";
import { createStaffAccounts, StaffAccountError, type StaffRole } from "../api/dashboard/auth/staff-accounts.js";
import { passwordProblem } from "../api/dashboard/auth/password-hash.js";
import { createAuditLog } from "../api/inbox/audit-log.js";
import { CleanupStack } from "../api/lib/cleanup-stack.js";
import { DataDirInUseError } from "../api/lib/instance-lock.js";
import { createLogger } from "../api/logger.js";
import { openCliDatabase } from "./cli-database.js";

const USAGE = `usage:
  npm run staff -- add <email> --role admin|librarian [--name "Full Name"] [--branch CODE] [--password-stdin]
  npm run staff -- list
  npm run staff -- reset-password <email> [--password-stdin]
  npm run staff -- disable <email>

Without --password-stdin a one-time password is generated and printed once; it must be changed at
the first login. With --password-stdin the password is read from standard input (first line).`;

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

async function readStdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
  const problem = passwordProblem(password);
  if (problem) usage(`the password from stdin is ${problem === "too_short" ? "too short (at least 10 characters)" : "too long"}`);
  return password;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        role: { type: "string" },
        name: { type: "string" },
        branch: { type: "string" },
        "password-stdin": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) usage();
  const [command, email] = positionals;
  if (!command || !["add", "list", "reset-password", "disable"].includes(command)) usage(command ? `unknown command "${command}"` : undefined);
  if (command !== "list" && !email) usage(`${command} needs an e-mail address`);
  if (command === "add" && values.role !== "admin" && values.role !== "librarian") usage("add needs --role admin or --role librarian");
  const password = values["password-stdin"] ? await readStdinPassword() : undefined;

  const config = loadConfig();
  const log = createLogger({ level: process.env.LOG_LEVEL ? config.LOG_LEVEL : "warn", destination: pino.destination({ fd: 2, sync: true }) });
  const cleanup = new CleanupStack();
  try {
    const { db } = await openCliDatabase({ config, log, cleanup, poolSize: 2 });
    const accounts = createStaffAccounts({ db, audit: createAuditLog(db) });

    if (command === "list") {
      for (const s of await accounts.list()) {
        process.stdout.write(`${s.email}\t${s.role}\t${s.active ? "active" : "disabled"}\t${s.branchCode ?? "all branches"}\t${s.name}\n`);
      }
      return 0;
    }
    if (command === "add") {
      const { staff, password: oneTime } = await accounts.add({ email: email!, role: values.role as StaffRole, name: values.name, branchCode: values.branch ?? null, password }, null);
      process.stdout.write(`Created ${staff.role} ${staff.email}.\n`);
      if (oneTime) process.stdout.write(`One-time password (shown once; change it at the first login): ${oneTime}\n`);
      return 0;
    }
    if (command === "reset-password") {
      const { staff, password: oneTime } = await accounts.resetPassword(email!, null, password);
      process.stdout.write(`Password of ${staff.email} reset; its sessions were ended.\n`);
      if (oneTime) process.stdout.write(`One-time password (shown once; change it at the first login): ${oneTime}\n`);
      return 0;
    }
    const staff = await accounts.disable(email!, null);
    process.stdout.write(`Disabled ${staff.email}; its sessions were ended.\n`);
    return 0;
  } catch (err) {
    if (err instanceof StaffAccountError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof DataDirInUseError) process.stderr.write(`${err.message}\nStop the service first, or set DATABASE_URL to a shared PostgreSQL.\n`);
    else process.stderr.write(`staff: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await cleanup.run((name, err) => log.error({ err, part: name }, "error while stopping"));
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `staff failed: ${(err as Error).message}`}\n`);
  process.exitCode = 1;
}
