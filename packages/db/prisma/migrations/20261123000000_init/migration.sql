-- Parley initial schema. Hand-written (the Prisma schema engine cannot run
-- here) with the names `prisma migrate` would use; src/schema-drift.int.test.ts
-- proves it matches prisma/schema.prisma. Objects Prisma cannot describe
-- (partitioning, the generated tsvector, partial indexes, functions) are
-- marked SQL-only and listed in that test's allow-list.

-- CreateEnum
CREATE TYPE "WorkspaceRole" AS ENUM ('owner', 'admin', 'member', 'guest');

-- CreateEnum
CREATE TYPE "ConversationKind" AS ENUM ('channel', 'private_channel', 'dm', 'group_dm');

-- CreateEnum
CREATE TYPE "ParticipantRole" AS ENUM ('owner', 'member');

-- CreateEnum
CREATE TYPE "NotificationLevel" AS ENUM ('all', 'mentions', 'nothing');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('user', 'system', 'bot');

-- CreateEnum
CREATE TYPE "MentionKind" AS ENUM ('user', 'channel', 'here');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "image" TEXT,
    "statusEmoji" TEXT,
    "statusText" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "emailVerified" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sessionToken" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "PersonalAccessToken" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonalAccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workspace" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "WorkspaceRole" NOT NULL DEFAULT 'member',
    "joinedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deactivatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" "WorkspaceRole" NOT NULL DEFAULT 'member',
    "createdById" UUID,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "maxUses" INTEGER,
    "useCount" INTEGER NOT NULL DEFAULT 0,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "kind" "ConversationKind" NOT NULL,
    "name" TEXT,
    "topic" TEXT NOT NULL DEFAULT '',
    "purpose" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "dmKey" TEXT,
    "archivedAt" TIMESTAMPTZ(3),
    "lastSeq" BIGINT NOT NULL DEFAULT 0,
    "lastMessageAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participant" (
    "conversationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "ParticipantRole" NOT NULL DEFAULT 'member',
    "joinedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastReadSeq" BIGINT NOT NULL DEFAULT 0,
    "notificationLevel" "NotificationLevel" NOT NULL DEFAULT 'all',
    "mutedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("conversationId","userId")
);

-- CreateTable
-- Partitioned by time: ids carry milliseconds since 2024-01-01 in their high
-- bits (src/ids.ts), so RANGE (id) partitions are time ranges. Monthly
-- partitions are created by parley_ensure_message_partitions (below), called by
-- the migration runner and a periodic job.
CREATE TABLE "Message" (
    "id" BIGINT NOT NULL,
    "conversationId" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "senderId" UUID,
    "threadRootId" BIGINT,
    "body" TEXT NOT NULL,
    "bodyTsv" tsvector GENERATED ALWAYS AS (to_tsvector('english', "body")) STORED,
    "kind" "MessageKind" NOT NULL DEFAULT 'user',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMPTZ(3),
    "deletedAt" TIMESTAMPTZ(3),

    -- The partition key (id) must be part of every unique constraint; the
    -- conversation leads so the table can later be distributed by conversation.
    CONSTRAINT "Message_pkey" PRIMARY KEY ("conversationId","id")
) PARTITION BY RANGE ("id");

-- CreateTable
CREATE TABLE "MessageIdempotency" (
    "senderId" UUID NOT NULL,
    "clientMessageId" TEXT NOT NULL,
    "conversationId" UUID NOT NULL,
    "messageId" BIGINT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageIdempotency_pkey" PRIMARY KEY ("senderId","clientMessageId")
);

-- CreateTable
CREATE TABLE "MessageEdit" (
    "id" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "messageId" BIGINT NOT NULL,
    "previousBody" TEXT NOT NULL,
    "editedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageEdit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reaction" (
    "conversationId" UUID NOT NULL,
    "messageId" BIGINT NOT NULL,
    "userId" UUID NOT NULL,
    "emoji" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reaction_pkey" PRIMARY KEY ("conversationId","messageId","userId","emoji")
);

-- CreateTable
CREATE TABLE "Mention" (
    "conversationId" UUID NOT NULL,
    "messageId" BIGINT NOT NULL,
    "kind" "MentionKind" NOT NULL,
    "userId" UUID,
    "id" BIGSERIAL NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "uploaderId" UUID NOT NULL,
    "conversationId" UUID,
    "messageId" BIGINT,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "thumbnailKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "createdById" UUID,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotToken" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "botUserId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BotToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushSubscription" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" UUID,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "resetAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalAccessToken_tokenHash_key" ON "PersonalAccessToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PersonalAccessToken_userId_idx" ON "PersonalAccessToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_workspaceId_userId_key" ON "Membership"("workspaceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_tokenHash_key" ON "Invite"("tokenHash");

-- CreateIndex
CREATE INDEX "Invite_workspaceId_idx" ON "Invite"("workspaceId");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_lastMessageAt_idx" ON "Conversation"("workspaceId", "lastMessageAt");

-- CreateIndex
-- Channel names are unique per workspace; DMs have no name. Partial, so
-- SQL-only (Prisma cannot express it; allow-listed in the drift test).
CREATE UNIQUE INDEX "Conversation_workspaceId_name_key" ON "Conversation"("workspaceId", "name") WHERE "name" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_workspaceId_dmKey_key" ON "Conversation"("workspaceId", "dmKey");

-- CreateIndex
CREATE INDEX "Participant_userId_idx" ON "Participant"("userId");

-- CreateIndex
-- Declared on the parent, so every partition (present and future) gets its own.
-- Not UNIQUE: a unique index on a partitioned table must include the partition
-- key (id), and ("conversationId","seq","id") would not stop two rows sharing
-- a seq. Uniqueness comes from the writer instead: seq is taken from
-- "Conversation"."lastSeq" under that row's lock in the send transaction.
CREATE INDEX "Message_conversationId_seq_idx" ON "Message"("conversationId", "seq");

-- CreateIndex
CREATE INDEX "Message_threadRootId_seq_idx" ON "Message"("threadRootId", "seq");

-- CreateIndex
CREATE INDEX "Message_bodyTsv_idx" ON "Message" USING GIN ("bodyTsv");

-- CreateIndex
CREATE INDEX "MessageIdempotency_createdAt_idx" ON "MessageIdempotency"("createdAt");

-- CreateIndex
CREATE INDEX "MessageEdit_conversationId_messageId_idx" ON "MessageEdit"("conversationId", "messageId");

-- CreateIndex
CREATE INDEX "Reaction_userId_idx" ON "Reaction"("userId");

-- CreateIndex
CREATE INDEX "Mention_userId_conversationId_idx" ON "Mention"("userId", "conversationId");

-- CreateIndex
CREATE INDEX "Mention_conversationId_messageId_idx" ON "Mention"("conversationId", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_conversationId_messageId_idx" ON "Attachment"("conversationId", "messageId");

-- CreateIndex
CREATE INDEX "Attachment_uploaderId_idx" ON "Attachment"("uploaderId");

-- CreateIndex
CREATE UNIQUE INDEX "Webhook_tokenHash_key" ON "Webhook"("tokenHash");

-- CreateIndex
CREATE INDEX "Webhook_workspaceId_idx" ON "Webhook"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "BotToken_tokenHash_key" ON "BotToken"("tokenHash");

-- CreateIndex
CREATE INDEX "BotToken_workspaceId_idx" ON "BotToken"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "PushSubscription_endpoint_key" ON "PushSubscription"("endpoint");

-- CreateIndex
CREATE INDEX "PushSubscription_userId_idx" ON "PushSubscription"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_createdAt_idx" ON "AuditLog"("workspaceId", "createdAt");

-- CreateIndex
-- Partial (SQL-only, allow-listed in the drift test): the relay only ever
-- looks for rows not yet published, which are few; published rows stay out.
CREATE INDEX "Outbox_unpublished_idx" ON "Outbox"("createdAt") WHERE "publishedAt" IS NULL;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalAccessToken" ADD CONSTRAINT "PersonalAccessToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotToken" ADD CONSTRAINT "BotToken_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushSubscription" ADD CONSTRAINT "PushSubscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable (SQL-only)
-- Safety net: a message whose month has no partition yet still gets stored.
-- parley_ensure_message_partitions moves such rows into the month's partition
-- when it creates it.
CREATE TABLE "Message_default" PARTITION OF "Message" DEFAULT;

-- CreateFunction (SQL-only)
-- The smallest message id that can be minted at `ts`: milliseconds since
-- 2024-01-01T00:00:00Z shifted left by 22 bits, the layout of src/ids.ts
-- (messageIdFloor). Used for partition bounds and date jumps.
CREATE FUNCTION parley_message_id_floor(ts timestamptz) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  ms_since_epoch bigint := floor(extract(epoch FROM ts) * 1000)::bigint - 1704067200000;
BEGIN
  IF ms_since_epoch < 0 THEN
    RAISE EXCEPTION 'parley_message_id_floor: % is before the id epoch (2024-01-01)', ts;
  END IF;
  RETURN ms_since_epoch << 22;
END
$$;

-- CreateFunction (SQL-only)
-- Creates the missing monthly partitions "Message_yYYYYmMM" for the months from
-- `months_back` before the current (UTC) month to `months_ahead` after it, each
-- holding ids in [floor(month start), floor(next month start)). Idempotent;
-- returns how many partitions it created. Rows already sitting in
-- "Message_default" for a new month are moved into it (otherwise Postgres would
-- refuse to create the partition).
-- Creating a partition locks "Message" exclusively; queued behind a long query
-- that lock would stall every send, so give up after 2 s (partitions are made
-- months ahead, and the next run retries).
CREATE FUNCTION parley_ensure_message_partitions(months_back int, months_ahead int) RETURNS int
LANGUAGE plpgsql
SET search_path FROM CURRENT
SET lock_timeout = '2s'
AS $$
DECLARE
  -- Month arithmetic in UTC wall-clock time, whatever the session's TimeZone.
  this_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
  month_start timestamp;
  partition_name text;
  lower_id bigint;
  upper_id bigint;
  stored_columns text;
  created_count int := 0;
BEGIN
  -- Nodes starting together and the periodic job must not race to create the
  -- same partition. Key: the bytes of 'parley' followed by 02.
  PERFORM pg_advisory_xact_lock(31631443487389954);

  -- Every column except generated ones (bodyTsv), for moving rows.
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO stored_columns
  FROM pg_attribute
  WHERE attrelid = '"Message"'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '';

  FOR month_offset IN -months_back..months_ahead LOOP
    month_start := this_month + make_interval(months => month_offset);
    CONTINUE WHEN month_start < timestamp '2024-01-01';
    partition_name := 'Message_' || to_char(month_start, '"y"YYYY"m"MM');
    CONTINUE WHEN to_regclass(quote_ident(partition_name)) IS NOT NULL;

    lower_id := parley_message_id_floor(month_start AT TIME ZONE 'UTC');
    upper_id := parley_message_id_floor((month_start + interval '1 month') AT TIME ZONE 'UTC');

    IF EXISTS (SELECT 1 FROM "Message_default" WHERE "id" >= lower_id AND "id" < upper_id) THEN
      EXECUTE format(
        'CREATE TEMP TABLE parley_moving_messages ON COMMIT DROP AS SELECT %s FROM "Message_default" WHERE "id" >= %s AND "id" < %s',
        stored_columns, lower_id, upper_id);
      DELETE FROM "Message_default" WHERE "id" >= lower_id AND "id" < upper_id;
      EXECUTE format('CREATE TABLE %I PARTITION OF "Message" FOR VALUES FROM (%s) TO (%s)', partition_name, lower_id, upper_id);
      EXECUTE format('INSERT INTO "Message" (%s) SELECT %s FROM parley_moving_messages', stored_columns, stored_columns);
      DROP TABLE parley_moving_messages;
    ELSE
      EXECUTE format('CREATE TABLE %I PARTITION OF "Message" FOR VALUES FROM (%s) TO (%s)', partition_name, lower_id, upper_id);
    END IF;
    created_count := created_count + 1;
  END LOOP;

  RETURN created_count;
END
$$;
