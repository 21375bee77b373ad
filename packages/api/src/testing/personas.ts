/**
 * Test personas for integration tests, stored in a real database:
 * alice (workspace owner), bob and carol (members), dave (admin), gwen (guest),
 * mallory (a member of the same workspace who is never added to anything
 * private: she knows ids and must still be refused), and oscar (an outsider
 * from another workspace).
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient, WorkspaceRole } from "@parley/db/client";
import { createMessageIdGenerator } from "@parley/db/ids";
import pino from "pino";
import { createInProcessBus } from "../bus/in-process.ts";
import { createRecordingBus, type RecordingBus, type RecordingBusOptions } from "../bus/recording-bus.ts";
import { createTokenBucketLimiter } from "../messages/send-rate-limiter.ts";
import { createSendPath, systemClock, type ServicePorts } from "../ports.ts";

export interface Persona {
  userId: string;
  name: string;
  email: string;
}

export interface Personas {
  workspaceId: string;
  otherWorkspaceId: string;
  alice: Persona;
  bob: Persona;
  carol: Persona;
  dave: Persona;
  gwen: Persona;
  mallory: Persona;
  oscar: Persona;
}

async function createUser(db: PrismaClient, name: string, emailLocalPart: string): Promise<Persona> {
  const email = `${emailLocalPart}@example.test`;
  const user = await db.user.create({ data: { name, email }, select: { id: true } });
  return { userId: user.id, name, email };
}

async function addMember(db: PrismaClient, workspaceId: string, persona: Persona, role: WorkspaceRole): Promise<void> {
  await db.membership.create({ data: { workspaceId, userId: persona.userId, role } });
}

export async function createPersonas(db: PrismaClient): Promise<Personas> {
  const suffix = randomUUID().slice(0, 8);
  const workspace = await db.workspace.create({ data: { slug: `acme-${suffix}`, name: "Acme" }, select: { id: true } });
  const otherWorkspace = await db.workspace.create({ data: { slug: `evil-${suffix}`, name: "Evil Corp" }, select: { id: true } });
  const alice = await createUser(db, "Alice Smith", `alice-${suffix}`);
  const bob = await createUser(db, "Bob", `bob-${suffix}`);
  const carol = await createUser(db, "Carol", `carol-${suffix}`);
  const dave = await createUser(db, "Dave Admin", `dave-${suffix}`);
  const gwen = await createUser(db, "Gwen Guest", `gwen-${suffix}`);
  const mallory = await createUser(db, "Mallory", `mallory-${suffix}`);
  const oscar = await createUser(db, "Oscar Outsider", `oscar-${suffix}`);
  await addMember(db, workspace.id, alice, "owner");
  await addMember(db, workspace.id, bob, "member");
  await addMember(db, workspace.id, carol, "member");
  await addMember(db, workspace.id, dave, "admin");
  await addMember(db, workspace.id, gwen, "guest");
  await addMember(db, workspace.id, mallory, "member");
  await addMember(db, otherWorkspace.id, oscar, "owner");
  return { workspaceId: workspace.id, otherWorkspaceId: otherWorkspace.id, alice, bob, carol, dave, gwen, mallory, oscar };
}

export interface TestPorts extends ServicePorts {
  bus: RecordingBus;
}

/** Real adapters (in-process bus behind a recorder), a silent logger and a limiter that never trips unless asked to. */
export function createTestPorts(db: PrismaClient, options: { bus?: RecordingBusOptions; sendRate?: { ratePerSecond: number; burst: number } } = {}): TestPorts {
  return {
    db,
    bus: createRecordingBus(createInProcessBus(), options.bus),
    ids: createMessageIdGenerator(),
    clock: systemClock,
    logger: pino({ level: "silent" }),
    sendRateLimiter: createTokenBucketLimiter(options.sendRate ?? { ratePerSecond: 1_000_000, burst: 1_000_000 }),
    ...createSendPath(db),
  };
}

/** Guards a test's premise, as Campfire's tests do ("need someone outside the room"). */
export function assertPremise(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`test premise failed: ${message}`);
}
