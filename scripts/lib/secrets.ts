import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface LocalSecrets {
  nextAuthSecret: string;
  realtimeSecret: string;
}

/**
 * Secrets for the embedded stack, generated once and kept beside the data so
 * sessions survive a restart. Production sets them through the environment.
 */
export function loadOrCreateLocalSecrets(file: string): LocalSecrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    nextAuthSecret: randomBytes(32).toString("base64url"),
    realtimeSecret: randomBytes(32).toString("base64url"),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
