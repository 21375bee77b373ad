/**
 * next-auth v4: email + password always (Credentials → verifyCredentials with
 * the shared login limiter), GitHub and one generic OIDC provider when their
 * env is set. Sessions are JWTs in an HttpOnly, SameSite=Lax cookie; every
 * time a session is read the user must still exist, so deleting a user ends
 * their sessions at once.
 */
import "server-only";
import { isExistingUser, resolveOAuthUser, verifyCredentials, type OAuthIdentity } from "@parley/api/auth/auth.service";
import { getLoginLimiter } from "@parley/api/auth/login-limiter";
import { isDomainError } from "@parley/api/errors";
import { logger } from "@parley/api/logger";
import { systemClock } from "@parley/api/ports";
import { clientIpFromHeaders } from "@parley/api/rate-limit/client-ip";
import type { Account, NextAuthOptions, Profile, User } from "next-auth";
import type { AdapterUser } from "next-auth/adapters";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { getWebEnv } from "../env.ts";
import { SIGN_IN_ERROR } from "../lib/sign-in-errors.ts";
import { getDb } from "./db.ts";

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

function oidcProvider(oidc: NonNullable<ReturnType<typeof getWebEnv>["oidc"]>): OAuthConfig<OidcProfile> {
  return {
    id: "oidc",
    name: oidc.name,
    type: "oauth",
    wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? null }),
  };
}

function oauthIdentity(account: Account, user: User | AdapterUser | undefined, profile: Profile | undefined): OAuthIdentity {
  const oidcProfile = profile as OidcProfile | undefined;
  return {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    email: user?.email ?? null,
    // GitHub hands out only verified primary emails; OIDC says so explicitly.
    isEmailVerified: account.provider === "github" || oidcProfile?.email_verified === true,
    name: user?.name ?? null,
  };
}

function headersFrom(source: Record<string, string | string[] | undefined> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(source ?? {})) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  return headers;
}

function buildAuthOptions(): NextAuthOptions {
  const env = getWebEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const db = getDb();
        const clientIp = clientIpFromHeaders(headersFrom(request.headers), { trustProxy: env.trustProxy });
        try {
          const user = await verifyCredentials(
            { db, clock: systemClock, loginLimiter: getLoginLimiter(db) },
            { email: String(credentials?.email ?? ""), password: String(credentials?.password ?? ""), clientIp },
          );
          return { id: user.userId, email: user.email, name: user.name };
        } catch (error) {
          if (isDomainError(error) && error.code === "RATE_LIMITED") throw new Error(SIGN_IN_ERROR.rateLimited);
          if (isDomainError(error) && error.code === "UNAUTHENTICATED") return null;
          logger.error({ err: error }, "sign-in failed unexpectedly");
          throw new Error(SIGN_IN_ERROR.unavailable);
        }
      },
    }),
  ];
  if (env.github) providers.push(GitHubProvider({ clientId: env.github.clientId, clientSecret: env.github.clientSecret }));
  if (env.oidc) providers.push(oidcProvider(env.oidc));

  return {
    secret: env.nextAuthSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    useSecureCookies: env.appUrl.startsWith("https://"),
    providers,
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.type !== "oauth") return true;
        try {
          await resolveOAuthUser({ db: getDb(), clock: systemClock }, oauthIdentity(account, user, profile));
          return true;
        } catch (error) {
          if (isDomainError(error)) return `/signin?error=${SIGN_IN_ERROR.oauthEmail}`;
          throw error;
        }
      },
      async jwt({ token, user, account, profile }) {
        if (account?.type === "oauth") {
          // Our user id, not the provider's (signIn above created or linked it).
          token.sub = (await resolveOAuthUser({ db: getDb(), clock: systemClock }, oauthIdentity(account, user, profile))).userId;
          return token;
        }
        // next-auth types `user` as always present, but it is passed only on the sign-in call.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        if (user) {
          token.sub = user.id;
          return token;
        }
        // A deleted user's still-valid cookie must stop working: throwing here makes next-auth clear the session.
        if (!token.sub || !(await isExistingUser({ db: getDb() }, token.sub))) throw new Error("session user no longer exists");
        return token;
      },
      async session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    logger: {
      error: (code, metadata) => logger.error({ code, metadata }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
}

let authOptions: NextAuthOptions | undefined;

/** Built on first use so `next build` does not need runtime configuration. */
export function getAuthOptions(): NextAuthOptions {
  authOptions ??= buildAuthOptions();
  return authOptions;
}

/** The sign-in buttons to show besides email + password. */
export function configuredOAuthProviders(): Array<{ id: string; name: string }> {
  const env = getWebEnv();
  return [...(env.github ? [{ id: "github", name: "GitHub" }] : []), ...(env.oidc ? [{ id: "oidc", name: env.oidc.name }] : [])];
}
