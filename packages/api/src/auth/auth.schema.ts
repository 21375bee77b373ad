import { z } from "zod";

// User-facing messages; also shown by the web forms (this file is safe to import in the browser).
export const INCORRECT_CREDENTIALS_MESSAGE = "Email or password is incorrect";
export const TOO_MANY_ATTEMPTS_MESSAGE = "Too many sign-in attempts. Try again in a minute.";
export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists — sign in instead";

export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const PERSON_NAME_MAX = 80;
export const WORKSPACE_NAME_MAX = 80;
/** Invite tokens are 32 random bytes in base64url (43 chars). */
const INVITE_TOKEN_MAX = 128;

// Bidi overrides/isolates/marks and zero-width characters make names that look
// alike but differ (or reorder surrounding text); control characters break
// rendering and NUL breaks Postgres.
// eslint-disable-next-line no-control-regex
const forbiddenInNames = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const hasLoneSurrogate = (value: string) => /\p{Cs}/u.test(value);

/** A display name (person or workspace): NFKC-normalized, trimmed, no invisible or direction-changing characters. */
export function displayNameSchema(label: string, maxChars: number) {
  return z
    .string()
    .max(maxChars * 2, `${label} must be ${maxChars} characters or fewer`)
    .refine((value) => !hasLoneSurrogate(value), `${label} must be valid text`)
    .transform((value) => value.normalize("NFKC").trim().replace(/\s+/g, " "))
    .refine((value) => value.length > 0, `${label} is required`)
    .refine((value) => value.length <= maxChars, `${label} must be ${maxChars} characters or fewer`)
    .refine((value) => !forbiddenInNames.test(value), `${label} must not contain invisible or direction-changing characters`);
}

export const emailSchema = z
  .string()
  .max(EMAIL_MAX, "Email addresses are at most 254 characters")
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address"));

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

export const inviteTokenSchema = z
  .string()
  .min(1)
  .max(INVITE_TOKEN_MAX)
  .regex(/^[A-Za-z0-9_-]+$/, "That invite link is not valid");

export const personNameSchema = displayNameSchema("Name", PERSON_NAME_MAX);
export const workspaceNameSchema = displayNameSchema("Workspace name", WORKSPACE_NAME_MAX);

/**
 * Sign-up either creates a workspace (workspaceName) or joins one (inviteToken).
 * `.strict()`: extra keys such as `role` are refused, never stored.
 */
export const signUpInputSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: newPasswordSchema,
    workspaceName: workspaceNameSchema.optional(),
    inviteToken: inviteTokenSchema.optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (!input.inviteToken && !input.workspaceName) {
      context.addIssue({ code: "custom", path: ["workspaceName"], message: "Workspace name is required" });
    }
    if (input.inviteToken && input.workspaceName) {
      context.addIssue({ code: "custom", path: ["workspaceName"], message: "Either create a workspace or join one, not both" });
    }
  });
export type SignUpInput = z.input<typeof signUpInputSchema>;

export const signInInputSchema = z
  .object({
    email: emailSchema,
    // No minimum: a short password is simply wrong, with the same answer as any other.
    password: z.string().min(1, "Enter your password").max(PASSWORD_MAX, "Email or password is incorrect"),
    clientIp: z.string().max(64).nullable(),
  })
  .strict();
export type SignInInput = z.input<typeof signInInputSchema>;

export const inviteTokenInputSchema = z.object({ token: inviteTokenSchema }).strict();
export type InviteTokenInput = z.input<typeof inviteTokenInputSchema>;

export const createInviteInputSchema = z
  .object({
    workspaceSlug: z.string().min(1).max(64),
    role: z.enum(["admin", "member", "guest"]).default("member"),
    expiresInDays: z.number().int().min(1).max(30).default(7),
    maxUses: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type CreateInviteInput = z.input<typeof createInviteInputSchema>;

export type InviteDescription =
  { status: "valid"; workspaceName: string; workspaceSlug: string; expiresAt: Date } | { status: "expired" | "revoked" | "used_up" | "not_found" };
