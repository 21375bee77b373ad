/**
 * Who a message mentions, resolved in SQL, written once for the send
 * statement (send-statement.sql.ts, per message of a batch) and for an edit
 * (insertMentions, messages.repository.ts). Only people who can read the
 * conversation can be mentioned: active members of its workspace who take
 * part in it, never the sender. A person's handles are those of
 * mentionHandlesOf (mentions.ts): the local part of their email, and their
 * name with spaces as dots, lowercase.
 */
import { Prisma } from "@parley/db/client";

/** SQL expressions (columns of the statement, or parameters) naming the message and its tokens (extractMentionTokens). */
export interface MentionSource {
  conversationId: Prisma.Sql;
  senderId: Prisma.Sql;
  /** text[] of handles, lowercase. */
  handles: Prisma.Sql;
  mentionsChannel: Prisma.Sql;
  mentionsHere: Prisma.Sql;
}

/**
 * Rows ("kind", "userId"): one per person mentioned by handle, then @channel
 * and @here (userId null) when the message has them. Without handles the
 * people part reads nothing (its condition on the tokens comes first).
 */
export function mentionRows(source: MentionSource): Prisma.Sql {
  return Prisma.sql`
        SELECT 'user'::"MentionKind" AS "kind", u."id" AS "userId"
        FROM "Participant" p
        JOIN "Conversation" c ON c."id" = p."conversationId"
        JOIN "Membership" ms ON ms."workspaceId" = c."workspaceId" AND ms."userId" = p."userId" AND ms."deactivatedAt" IS NULL
        JOIN "User" u ON u."id" = p."userId"
        WHERE cardinality(${source.handles}) > 0 AND p."conversationId" = ${source.conversationId} AND p."userId" <> ${source.senderId}
          AND (lower(split_part(u."email", '@', 1)) = ANY(${source.handles})
               OR lower(regexp_replace(btrim(normalize(u."name", NFKC)), '\\s+', '.', 'g')) = ANY(${source.handles}))
        UNION ALL SELECT 'channel'::"MentionKind", NULL::uuid WHERE ${source.mentionsChannel}
        UNION ALL SELECT 'here'::"MentionKind", NULL::uuid WHERE ${source.mentionsHere}`;
}
