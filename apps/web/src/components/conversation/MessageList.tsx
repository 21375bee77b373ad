"use client";

/**
 * The virtualized, bottom-anchored history (Slack's feel): opens at the
 * newest message, stays pinned there as messages arrive while the reader is
 * at the bottom, loads older pages near the top without moving what the
 * reader is looking at, and offers "Jump to latest" when scrolled up.
 */
import { ArrowDownIcon } from "@parley/ui/icons";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { TimelineRow } from "./conversation-rows.ts";

/** Within this many px of the end counts as "at the bottom". */
const BOTTOM_SLACK_PX = 48;
/** Start fetching the older page this far before the top is reached. */
const LOAD_OLDER_WITHIN_PX = 800;

export interface MessageListProps {
  rows: TimelineRow[];
  renderRow: (row: TimelineRow) => ReactNode;
  /** Above the oldest row: the conversation intro once the start is loaded, else a loading edge. */
  header: ReactNode;
  hasMoreBefore: boolean;
  onLoadOlder: () => void;
  /** Reports whether the newest message is on screen (drives mark-read). */
  onBottomVisibilityChange: (isAtBottom: boolean) => void;
  label: string;
  /** Open with this row centred (a `?seq=` link) instead of at the bottom. */
  focusKey?: string | null;
}

function estimateRowSize(row: TimelineRow | undefined): number {
  if (!row) return 40;
  if (row.type === "day") return 40;
  if (row.type === "new-messages") return 24;
  return row.isGroupStart ? 59 : 26;
}

/**
 * The first message on screen and where its bottom edge sits. The bottom, not
 * the top: a prepended page can regroup that message under the author of the
 * one before it, dropping its name line, and what the reader reads must stay put.
 */
interface ScrollAnchor {
  key: string;
  endFromTop: number;
}

export function MessageList({ rows, renderRow, header, hasMoreBefore, onLoadOlder, onBottomVisibilityChange, label, focusKey = null }: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  // Opening at a linked message: not pinned to the bottom until that message has been placed.
  const isAtBottomRef = useRef(focusKey === null);
  const [isAtBottom, setIsAtBottom] = useState(focusKey === null);
  const pendingFocusKeyRef = useRef(focusKey);
  const anchorRef = useRef<ScrollAnchor | null>(null);
  /** scrollTop as of the last scroll event or our own correction; a different value means a scroll whose event is still pending. */
  const knownScrollTopRef = useRef(0);
  const [headerHeight, setHeaderHeight] = useState(0);

  // TanStack Virtual hands out fresh functions each render, so the React Compiler leaves this component alone (fine: it re-renders per scroll anyway).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateRowSize(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 12,
    scrollMargin: headerHeight,
  });
  // The anchor effect below owns scroll corrections; the virtualizer's own (made
  // against an offset that lags programmatic scrolls) would be remembered as the anchor.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = () => false;

  useLayoutEffect(() => {
    const element = headerRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeaderHeight(element.offsetHeight));
    observer.observe(element);
    setHeaderHeight(element.offsetHeight);
    return () => observer.disconnect();
  }, []);

  /** Remembers the first message on screen, so a prepend can put it back where it was. */
  const rememberAnchor = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const top = element.scrollTop;
    // The whole measurement list, not getVirtualItems(): right after a programmatic
    // jump the rendered range still describes the old offset and may hold nothing on screen.
    const visible = virtualizer.measurementsCache.find((item) => item.end > top && rows[item.index]?.type !== "day");
    anchorRef.current = visible ? { key: String(visible.key), endFromTop: visible.end - top } : null;
  }, [rows, virtualizer]);

  const updateBottomState = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK_PX;
    if (atBottom !== isAtBottomRef.current) {
      isAtBottomRef.current = atBottom;
      setIsAtBottom(atBottom);
      onBottomVisibilityChange(atBottom);
    }
  }, [onBottomVisibilityChange]);

  const maybeLoadOlder = useCallback(() => {
    const element = scrollRef.current;
    if (element && hasMoreBefore && element.scrollTop < LOAD_OLDER_WITHIN_PX) onLoadOlder();
  }, [hasMoreBefore, onLoadOlder]);

  const onScroll = () => {
    knownScrollTopRef.current = scrollRef.current?.scrollTop ?? 0;
    updateBottomState();
    rememberAnchor();
    maybeLoadOlder();
  };

  const scrollToBottom = useCallback(() => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, []);

  /**
   * Once the first rows are in, makes the linked row the anchor, centred: the
   * correction below then holds it there while the rows around it get measured.
   * A link to a message that is not there (a seq past the end) opens at the bottom.
   */
  const placePendingFocus = useCallback(
    (element: HTMLDivElement) => {
      const key = pendingFocusKeyRef.current;
      if (!key || rows.length === 0) return;
      pendingFocusKeyRef.current = null;
      const index = rows.findIndex((row) => row.key === key);
      const item = index >= 0 ? virtualizer.measurementsCache[index] : undefined;
      if (!item) {
        isAtBottomRef.current = true;
        return;
      }
      anchorRef.current = { key, endFromTop: Math.round((element.clientHeight + item.size) / 2) };
    },
    [rows, virtualizer],
  );

  // After every change of rows or of measured sizes: pinned readers follow
  // the newest message; everyone else keeps the anchor message at the same
  // place on screen (prepended pages and rows measured taller than estimated
  // above it would otherwise push it down).
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    placePendingFocus(element);
    // The reader (or a script) scrolled and its scroll event has not arrived yet:
    // where they went wins over the anchor remembered before, or a late
    // measurement would pull them back.
    if (!isAtBottomRef.current && Math.abs(element.scrollTop - knownScrollTopRef.current) >= 1) rememberAnchor();
    if (isAtBottomRef.current) {
      scrollToBottom();
    } else if (anchorRef.current) {
      const { key, endFromTop } = anchorRef.current;
      const index = rows.findIndex((row) => row.key === key);
      const item = index >= 0 ? virtualizer.measurementsCache[index] : undefined;
      if (item && Math.abs(element.scrollTop - (item.end - endFromTop)) >= 1) element.scrollTop = item.end - endFromTop;
    }
    knownScrollTopRef.current = element.scrollTop;
    maybeLoadOlder();
  }, [rows, totalSize, headerHeight, virtualizer, maybeLoadOlder, scrollToBottom, placePendingFocus, rememberAnchor]);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollRef}
        onScroll={onScroll}
        role="log"
        aria-label={label}
        aria-live="polite"
        className="flex min-h-0 flex-1 flex-col overflow-y-auto overscroll-contain [overflow-anchor:none]"
      >
        {/* Short histories sit at the bottom, right above the composer, as in Slack. */}
        <div className="flex-1" />
        <div ref={headerRef} className="shrink-0">
          {header}
        </div>
        <div className="relative w-full shrink-0" style={{ height: totalSize }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                data-row-key={row.key}
                ref={virtualizer.measureElement}
                className="absolute top-0 left-0 w-full"
                style={{ transform: `translateY(${item.start - headerHeight}px)` }}
              >
                {renderRow(row)}
              </div>
            );
          })}
        </div>
        <div className="h-2 shrink-0" />
      </div>
      {isAtBottom ? null : (
        <button
          type="button"
          onClick={scrollToBottom}
          className="absolute bottom-3 left-1/2 inline-flex -translate-x-1/2 items-center gap-1.5 rounded-full border border-border bg-surface px-3 py-1.5 text-[13px] font-bold text-link shadow-md hover:bg-surface-muted"
        >
          <ArrowDownIcon className="size-4" />
          Jump to latest
        </button>
      )}
    </div>
  );
}
