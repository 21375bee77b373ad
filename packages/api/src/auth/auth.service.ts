/**
 * Accounts: sign-up (new workspace or invite), password sign-in with
 * brute-force limits, and OAuth/OIDC identities linked by verified email.
 */
import type { PrismaClient } from "@parley/db/client";
import { isUniqueViolation, runInTransaction } from "../core/database.ts";
import { parseInput } from "../core/input.ts";
import { DomainError } from "../errors.ts";
import type { Clock } from "../ports.ts";
import type { FixedWindowLimiter } from "../rate-limit/fixed-window-limiter.ts";
import { createWorkspaceWithDefaultChannels } from "../workspaces/workspaces.service.ts";
import {
  EMAIL_TAKEN_MESSAGE,
  INCORRECT_CREDENTIALS_MESSAGE,
  personNameSchema,
  signInInputSchema,
  signUpInputSchema,
  TOO_MANY_ATTEMPTS_MESSAGE,
  type SignInInput,
  type SignUpInput,
} from "./auth.schema.ts";
import { findUserByEmail, findUserIdByAccount, insertOAuthAccount, insertUser, userExists } from "./auth.repository.ts";
import { joinWorkspaceByInvite } from "./invites.service.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.ts";

export interface AuthPorts {
  db: PrismaClient;
  clock: Clock;
}

export interface SignInPorts extends AuthPorts {
  /** Counts failed passwords per account and per client IP (see login-limiter.ts). */
  loginLimiter: FixedWindowLimiter;
}

// Sign-up says plainly that an email is taken, as Slack does: a person who
// forgot they have an account needs to be told. The cost is that sign-up
// reveals whether an email has an account; sign-in and invites do not, and
// sign-up is as costly per try as sign-in (argon2 runs before the insert).
const emailTakenError = () => new DomainError("CONFLICT", EMAIL_TAKEN_MESSAGE, { email: EMAIL_TAKEN_MESSAGE });

export async function signUp(ports: AuthPorts, rawInput: SignUpInput): Promise<{ userId: string; workspaceSlug: string }> {
  const input = parseInput(signUpInputSchema, rawInput);
  const passwordHash = await hashPassword(input.password);
  if (await findUserByEmail(ports.db, input.email)) throw emailTakenError();
  try {
    return await runInTransaction(ports.db, async (tx) => {
      const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash });
      if (input.inviteToken) {
        const joined = await joinWorkspaceByInvite(tx, { userId: user.id, token: input.inviteToken, now: ports.clock.now() });
        return { userId: user.id, workspaceSlug: joined.workspaceSlug };
      }
      // The schema guarantees workspaceName when there is no invite.
      const workspace = await createWorkspaceWithDefaultChannels(tx, { name: input.workspaceName ?? "", ownerId: user.id });
      return { userId: user.id, workspaceSlug: workspace.slug };
    });
  } catch (error) {
    // Two sign-ups with one email at once: the unique index decides.
    if (isUniqueViolation(error, "User_email_key")) throw emailTakenError();
    throw error;
  }
}

function loginLimitKeys(email: string, clientIp: string | null): string[] {
  return clientIp ? [`login:account:${email}`, `login:ip:${clientIp}`] : [`login:account:${email}`];
}

/**
 * Password sign-in. Each attempt takes a slot in the account's and the IP's
 * window *before* the password is checked, so 50 concurrent guesses cannot
 * slip past the limit; a correct password gives its slots back, so only
 * failures count. One generic message for unknown email and wrong password,
 * and the same argon2 cost for both (dummy hash).
 */
export async function verifyCredentials(ports: SignInPorts, rawInput: SignInInput): Promise<{ userId: string; email: string; name: string }> {
  const parsed = signInInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new DomainError("UNAUTHENTICATED", INCORRECT_CREDENTIALS_MESSAGE);
  const { email, password, clientIp } = parsed.data;
  const now = ports.clock.now();
  const keys = loginLimitKeys(email, clientIp);
  const hits = await Promise.all(keys.map((key) => ports.loginLimiter.hit(key, now)));
  const refundAll = () => Promise.all(keys.map((key) => ports.loginLimiter.refund(key, now)));

  if (hits.some((hit) => hit.isOverLimit)) {
    // This attempt was never judged: it must not extend anyone's count.
    await refundAll();
    throw new DomainError("RATE_LIMITED", TOO_MANY_ATTEMPTS_MESSAGE);
  }

  const user = await findUserByEmail(ports.db, email);
  const isCorrect = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !isCorrect) throw new DomainError("UNAUTHENTICATED", INCORRECT_CREDENTIALS_MESSAGE);
  await refundAll();
  return { userId: user.id, email: user.email, name: user.name };
}

export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null;
  /** Only a provider-verified email may be linked to an existing account. */
  isEmailVerified: boolean;
  name: string | null;
}

/**
 * First OAuth/OIDC sign-in creates the user, or links the identity to the
 * existing user with the same (verified) email; later sign-ins find the link.
 */
export async function resolveOAuthUser(ports: AuthPorts, identity: OAuthIdentity): Promise<{ userId: string }> {
  const linkedUserId = await findUserIdByAccount(ports.db, identity.provider, identity.providerAccountId);
  if (linkedUserId) return { userId: linkedUserId };

  const email = identity.email?.trim().toLowerCase();
  if (!email || !identity.isEmailVerified) {
    throw new DomainError("FORBIDDEN", "Your account at this provider has no verified email address.");
  }
  const parsedName = personNameSchema.safeParse(identity.name ?? "");
  const name = parsedName.success ? parsedName.data : email.split("@")[0]!.slice(0, 80);
  try {
    return await runInTransaction(ports.db, async (tx) => {
      const existing = await findUserByEmail(tx, email);
      const userId = existing?.id ?? (await insertUser(tx, { email, name, passwordHash: null })).id;
      await insertOAuthAccount(tx, { userId, provider: identity.provider, providerAccountId: identity.providerAccountId });
      return { userId };
    });
  } catch (error) {
    // The same identity signing in twice at once: the first link wins.
    if (isUniqueViolation(error)) {
      const userId = await findUserIdByAccount(ports.db, identity.provider, identity.providerAccountId);
      if (userId) return { userId };
    }
    throw error;
  }
}

/** Sessions are JWTs; each use re-checks that the user still exists. */
export function isExistingUser(ports: Pick<AuthPorts, "db">, userId: string): Promise<boolean> {
  return userExists(ports.db, userId);
}
