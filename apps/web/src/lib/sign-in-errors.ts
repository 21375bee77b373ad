import { INCORRECT_CREDENTIALS_MESSAGE, TOO_MANY_ATTEMPTS_MESSAGE } from "@parley/api/auth/auth.schema";

/**
 * next-auth hands the sign-in page an `error` code (a thrown error's message,
 * or its own codes); these are the ones we produce and what the form says.
 */
export const SIGN_IN_ERROR = {
  incorrect: "CredentialsSignin",
  rateLimited: "RATE_LIMITED",
  unavailable: "UNAVAILABLE",
  oauthEmail: "OAUTH_EMAIL",
} as const;

export function signInErrorMessage(code: string | null | undefined): string | null {
  switch (code) {
    case null:
    case undefined:
    case "":
      return null;
    case SIGN_IN_ERROR.rateLimited:
      return TOO_MANY_ATTEMPTS_MESSAGE;
    case SIGN_IN_ERROR.unavailable:
      return "Parley can't reach its database right now. Try again in a moment.";
    case SIGN_IN_ERROR.oauthEmail:
      return "Your account at that provider has no verified email address, so Parley can't sign you in with it.";
    case "OAuthSignin":
    case "OAuthCallback":
    case "Callback":
      return "Signing in with that provider didn't work. Try again.";
    case "SessionRequired":
      return "Sign in to continue.";
    default:
      return INCORRECT_CREDENTIALS_MESSAGE;
  }
}

/** Only same-site paths: `?callbackUrl=https://evil.test` must not become an open redirect. */
export function safeCallbackPath(value: string | string[] | undefined, fallback = "/"): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
