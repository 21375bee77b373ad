/** Channels (and their first messages) for integration tests, made through the services as the personas would make them. */
import { createChannel } from "../conversations/conversations.service.ts";
import { sendMessage } from "../messages/messages.service.ts";
import type { ServicePorts } from "../ports.ts";
import { as } from "./callers.ts";
import { unique } from "./names.ts";
import type { Personas } from "./personas.ts";

type Someone = { userId: string };

export interface TestChannelOptions {
  /** Who creates it (and owns it): alice unless told. */
  creator?: Someone;
  /** Added at creation, besides the creator: nobody unless told. */
  members?: Someone[];
  isPrivate?: boolean;
  /** A fresh `room-<n>` unless the test needs a particular one. */
  name?: string;
  topic?: string;
}

/** A channel in the personas' workspace. */
export function createTestChannel(ports: ServicePorts, people: Personas, options: TestChannelOptions = {}) {
  return createChannel(ports, as(options.creator ?? people.alice), {
    workspaceId: people.workspaceId,
    name: options.name ?? unique("room"),
    isPrivate: options.isPrivate ?? false,
    topic: options.topic,
    memberIds: (options.members ?? []).map((member) => member.userId),
  });
}

/** Sends `body` as `sender` with a fresh clientMessageId (a reply when `threadRootId` is given). */
export function sendAs(ports: ServicePorts, sender: Someone, conversationId: string, body: string, options: { threadRootId?: string } = {}) {
  return sendMessage(ports, as(sender), { conversationId, clientMessageId: unique("m"), body, ...options });
}

/** Sends each body in order as `sender` and returns what the sends returned. */
export async function sendTestMessages(ports: ServicePorts, sender: Someone, conversationId: string, bodies: string[]) {
  const sent = [];
  for (const body of bodies) sent.push(await sendAs(ports, sender, conversationId, body));
  return sent;
}
