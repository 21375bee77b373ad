"use client";

import clsx from "clsx";
import { useId, type ReactNode } from "react";
import { useMenuState } from "./use-menu-state.ts";

export interface ActionMenuItem {
  id: string;
  label: string;
  onSelect: () => void;
  isDanger?: boolean;
}

export interface ActionMenuProps {
  /** The button's accessible name and tooltip, e.g. "Channel settings". */
  label: string;
  icon: ReactNode;
  items: ActionMenuItem[];
}

/**
 * An icon button that opens a small menu below it, right-aligned (for a
 * header's right edge). Keyboard: opening focuses the first item, ↑/↓ move,
 * Esc or a click outside closes.
 */
export function ActionMenu({ label, icon, items }: ActionMenuProps) {
  const { isOpen, setIsOpen, rootRef } = useMenuState<HTMLDivElement>({ focusFirstItem: true });
  const menuId = useId();

  return (
    <div ref={rootRef} className="relative flex shrink-0">
      <button
        type="button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={menuId}
        onClick={() => setIsOpen((open) => !open)}
        className={clsx(
          "inline-flex size-7 items-center justify-center rounded-md border border-border text-text-muted hover:bg-surface-muted hover:text-text focus-visible:outline-2 focus-visible:outline-link",
          isOpen && "bg-surface-muted text-text",
        )}
      >
        {icon}
      </button>
      {isOpen ? (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={(event) => {
            if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
            event.preventDefault();
            const menuItems = [...(rootRef.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? [])];
            const current = menuItems.indexOf(document.activeElement as HTMLButtonElement);
            const next = (current + (event.key === "ArrowDown" ? 1 : -1) + menuItems.length) % menuItems.length;
            menuItems[next]?.focus();
          }}
          className="absolute top-9 right-0 z-30 w-60 overflow-hidden rounded-xl border border-border bg-surface py-2 text-text shadow-xl"
        >
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              onClick={() => {
                setIsOpen(false);
                item.onSelect();
              }}
              className={clsx(
                "block w-full px-4 py-1.5 text-left text-[15px] hover:bg-link hover:text-white focus-visible:bg-link focus-visible:text-white focus-visible:outline-none",
                item.isDanger && "text-danger",
              )}
            >
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
