import type { z } from "@hono/zod-openapi";
import { ValidationError, type ValidationIssue } from "./errors.js";

/** Turns zod issues into `{ path, message }` pairs; the path names the field ("limit", "items.0.barcode"). */
export function toIssues(error: z.ZodError, prefix?: string): ValidationIssue[] {
  return error.issues.map((i) => {
    const p = i.path.map(String).join(".");
    return { path: [prefix, p].filter(Boolean).join(".") || "(body)", message: i.message };
  });
}

/** The defaultHook of every OpenAPI route: a failed zod check becomes our 400 shape. */
export function validationHook(result: { success: boolean; error?: z.ZodError; target?: string }): void {
  if (!result.success && result.error) throw new ValidationError(toIssues(result.error));
}
