import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's 2023 minimums (19 MiB, 2 passes): ~30 ms here, cheap
// enough for login bursts, expensive enough for offline guessing.
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so both paths cost the same
// (no account enumeration by timing).
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("parley-timing-equalizer");
  return dummyHash;
}
