/**
 * Who a message mentions, resolved in SQL, written once for the send
 * statement (send-statement.sql.ts, per message of a batch) and for an edit
 * (insertMentions, messages.repository.ts). Only people who take part in
 * the conversation (the one access rule, conversations/access-rule.sql.ts:
 * active members of its workspace with a participant row) can be mentioned,
 * never the sender. A person's handles are those of
 * mentionHandlesOf (mentions.ts): the local part of their email, and their
 * name with spaces as dots, lowercase.
 */
import { Prisma } from "@parley/db/client";
import { participantTakesPart } from "../conversations/access-rule.sql.ts";

// Who takes part, by the one access rule.
const takesPart = participantTakesPart("p");

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
        ${takesPart.join}
        JOIN "User" u ON u."id" = p."userId"
        WHERE cardinality(${source.handles}) > 0 AND p."conversationId" = ${source.conversationId} AND p."userId" <> ${source.senderId}
          AND ${takesPart.condition}
          AND (lower(split_part(u."email", '@', 1)) = ANY(${source.handles})
               OR lower(regexp_replace(btrim(normalize(u."name", NFKC)), '\\s+', '.', 'g')) = ANY(${source.handles}))
        UNION ALL SELECT 'channel'::"MentionKind", NULL::uuid WHERE ${source.mentionsChannel}
        UNION ALL SELECT 'here'::"MentionKind", NULL::uuid WHERE ${source.mentionsHere}`;
}
