"use client";

/**
 * The body of a conversation screen: the history (with the intro at its
 * start) and the composer, wired to the timeline hook, the read marker and
 * the inline editor. ConversationView mounts one per conversation (keyed).
 */
import { MESSAGE_MAX_CHARS, messageBodySchema } from "@parley/api/messages/messages.schema";
import type { MessageView } from "@parley/protocol/events";
import { Composer } from "@parley/ui/messages/Composer";
import { MessageEditor } from "@parley/ui/messages/MessageEditor";
import { MessageRow } from "@parley/ui/messages/MessageRow";
import { DaySeparator, NewMessagesDivider } from "@parley/ui/messages/TimelineDividers";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { buildTimelineRows, type TimelineRow } from "./conversation-rows.ts";
import { lastOwnEditableMessage } from "./conversation-timeline.ts";
import { HistoryEdge } from "./HistoryEdge.tsx";
import { MessageList } from "./MessageList.tsx";
import { errorMessageOf, useConversationMessages, type ConversationAuthor } from "./use-conversation-messages.ts";
import { useDraft } from "./use-draft.ts";
import { useReadMarker } from "./use-read-marker.ts";
import { useTypingEmitter } from "../../realtime/hooks.ts";
import { ConversationTyping } from "../../realtime/LivePresence.tsx";

export interface ConversationPaneProps {
  conversationId: string;
  /** "#general" or a person's name: the composer's placeholder and the list's label. */
  title: string;
  me: ConversationAuthor;
  isAdmin: boolean;
  unreadCountAtOpen: number;
  intro: ReactNode;
  messageLink: (message: MessageView) => string;
  /** Open around this seq (a `?seq=` link) instead of at the newest, and highlight it. */
  focusSeq: number | null;
  /** False while previewing a channel one has not joined: reads are not recorded, and history is polled. */
  isMember: boolean;
  /** Replaces the composer where the reader can't post (e.g. the archived banner). */
  footer: ReactNode;
}

interface EditingState {
  message: MessageView;
  body: string;
  isSaving: boolean;
  error: string | null;
}

export function ConversationPane({ conversationId, title, me, isAdmin, intro, messageLink, focusSeq, isMember, footer, ...props }: ConversationPaneProps) {
  // The sidebar count drops as we mark read; the opening count decides the first page and the "new" line.
  const [unreadCountAtOpen] = useState(props.unreadCountAtOpen);
  const history = useConversationMessages(conversationId, me, { unreadCountAtOpen, focusSeq, isMember });
  const { timeline } = history;
  const [draft, setDraft] = useDraft(conversationId);
  const emitTyping = useTypingEmitter(conversationId);
  const [composerError, setComposerError] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditingState | null>(null);
  const [isNewestVisible, setIsNewestVisible] = useState(focusSeq === null);

  const highestSeq = timeline.messages.at(-1)?.seq ?? 0;
  // Fixed when the first page lands: the line stays where unread began while the user reads.
  const { newestSeqAtOpen } = history;
  // Opened at a linked message, the first page is not the newest: no "new" line to place.
  const initialFirstUnreadSeq = focusSeq !== null || !newestSeqAtOpen || unreadCountAtOpen === 0 ? null : Math.max(1, newestSeqAtOpen - unreadCountAtOpen + 1);
  const readMarker = useReadMarker({ conversationId, highestSeq, isNewestVisible, initialFirstUnreadSeq, isEnabled: isMember });
  const rows = useMemo(() => buildTimelineRows(timeline, readMarker.firstUnreadSeq, new Date()), [timeline, readMarker.firstUnreadSeq]);

  const submitDraft = () => {
    const parsed = messageBodySchema.safeParse(draft);
    if (!parsed.success) {
      setComposerError(parsed.error.issues[0]?.message ?? "This message can't be sent");
      return;
    }
    setComposerError(null);
    history.send(parsed.data);
    setDraft("");
  };

  const startEditing = useCallback((message: MessageView) => setEditing({ message, body: message.body, isSaving: false, error: null }), []);

  const saveEdit = () => {
    if (!editing) return;
    const parsed = messageBodySchema.safeParse(editing.body);
    if (!parsed.success) {
      setEditing({ ...editing, error: parsed.error.issues[0]?.message ?? "This message can't be saved" });
      return;
    }
    if (parsed.data === editing.message.body) {
      setEditing(null);
      return;
    }
    setEditing({ ...editing, isSaving: true, error: null });
    history
      .edit(editing.message, parsed.data)
      .then(() => setEditing(null))
      .catch((error: unknown) => setEditing((current) => current && { ...current, isSaving: false, error: errorMessageOf(error) }));
  };

  const deleteMessage = useCallback(
    (message: MessageView) => {
      if (!window.confirm("Delete this message? This can't be undone.")) return;
      history.remove(message).catch((error: unknown) => window.alert(errorMessageOf(error)));
    },
    [history],
  );

  const renderRow = (row: TimelineRow): ReactNode => {
    if (row.type === "day") return <DaySeparator label={row.label} />;
    if (row.type === "new-messages") return <NewMessagesDivider />;
    if (row.type === "outgoing") {
      const { outgoing } = row;
      return (
        <MessageRow
          senderName={outgoing.senderName}
          createdAt={outgoing.createdAt}
          body={outgoing.body}
          isGroupStart={row.isGroupStart}
          isEdited={false}
          isDeleted={false}
          delivery={outgoing.status}
          failureReason={outgoing.error}
          onRetry={() => history.retry(outgoing.clientMessageId)}
          onDiscard={() => history.discard(outgoing.clientMessageId)}
        />
      );
    }
    const { message } = row;
    const isMine = message.senderId === me.id;
    const isEditingThis = editing?.message.seq === message.seq;
    return (
      <MessageRow
        senderName={message.senderName ?? "Parley"}
        createdAt={message.createdAt}
        body={message.body}
        isGroupStart={row.isGroupStart}
        isEdited={message.editedAt !== null}
        isDeleted={message.isDeleted}
        isHighlighted={message.seq === focusSeq}
        editor={
          isEditingThis ? (
            <MessageEditor
              value={editing.body}
              onChange={(body) => setEditing({ ...editing, body })}
              onSave={saveEdit}
              onCancel={() => setEditing(null)}
              isSaving={editing.isSaving}
              error={editing.error}
            />
          ) : undefined
        }
        actions={{
          onEdit: isMine && message.kind === "user" ? () => startEditing(message) : undefined,
          onDelete: isMine || isAdmin ? () => deleteMessage(message) : undefined,
          onMarkUnread: () => readMarker.markUnreadFrom(message.seq),
          // navigator.clipboard is typed as always there, but it is undefined outside a secure context (plain http on a LAN).
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
          onCopyLink: () => void navigator.clipboard?.writeText(messageLink(message)).catch(() => undefined),
        }}
      />
    );
  };

  const header = history.loadError ? (
    <p role="alert" className="px-5 py-6 text-[15px] text-danger">
      Couldn&apos;t load messages: {history.loadError}
    </p>
  ) : timeline.hasMoreBefore || history.isLoading ? (
    <HistoryEdge />
  ) : (
    intro
  );

  return (
    <>
      <MessageList
        label={`Messages in ${title}`}
        rows={rows}
        renderRow={renderRow}
        header={header}
        hasMoreBefore={!history.isLoading && timeline.hasMoreBefore}
        onLoadOlder={history.loadOlder}
        onBottomVisibilityChange={setIsNewestVisible}
        focusKey={focusSeq !== null ? `seq-${focusSeq}` : null}
      />
      <ConversationTyping conversationId={conversationId} myUserId={me.id} />
      {footer ?? (
        <Composer
          value={draft}
          onChange={(value) => {
            setDraft(value);
            if (value.trim()) emitTyping();
            if (composerError) setComposerError(null);
          }}
          onSubmit={submitDraft}
          placeholder={`Message ${title}`}
          maxChars={MESSAGE_MAX_CHARS}
          error={composerError}
          onArrowUpWhenEmpty={() => {
            const last = lastOwnEditableMessage(timeline, me.id);
            if (last) startEditing(last);
          }}
          onEscape={() => {
            if (highestSeq > 0) readMarker.markReadUpTo(highestSeq);
          }}
        />
      )}
    </>
  );
}
