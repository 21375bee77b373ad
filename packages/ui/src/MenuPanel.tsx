"use client";

import clsx from "clsx";
import type { ReactNode } from "react";

export interface MenuPanelItem {
  id: string;
  label: string;
  onSelect: () => void;
  isDanger?: boolean;
}

export interface MenuPanelProps {
  id: string;
  /** The menu's accessible name. */
  label: string;
  items: readonly MenuPanelItem[];
  /** Called before an item's action runs (the owner closes the menu). */
  onPicked: () => void;
  /** Where the panel sits against its trigger (position and width). */
  className: string;
  /** Above the items, e.g. who is signed in. */
  header?: ReactNode;
}

/**
 * The open half of every small menu (workspace, sidebar "+", header actions):
 * a list of menu items with ↑/↓ moving focus between them. Opening, closing
 * and outside clicks belong to the owner's useMenuState.
 */
export function MenuPanel({ id, label, items, onPicked, className, header }: MenuPanelProps) {
  return (
    <div
      id={id}
      role="menu"
      aria-label={label}
      // Focusable from script only: ↑/↓ move focus between its items, Tab leaves the menu.
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
        event.preventDefault();
        const menuItems = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("[role=menuitem]")];
        const current = menuItems.indexOf(document.activeElement as HTMLButtonElement);
        const next = (current + (event.key === "ArrowDown" ? 1 : -1) + menuItems.length) % menuItems.length;
        menuItems[next]?.focus();
      }}
      className={clsx("absolute z-30 overflow-hidden rounded-xl border border-border bg-surface py-2 text-text shadow-xl", className)}
    >
      {header}
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          onClick={() => {
            onPicked();
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
  );
}
