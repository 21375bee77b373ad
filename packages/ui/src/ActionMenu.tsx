"use client";

import clsx from "clsx";
import { useId, type ReactNode } from "react";
import { MenuPanel, type MenuPanelItem } from "./MenuPanel.tsx";
import { useMenuState } from "./use-menu-state.ts";

export type ActionMenuItem = MenuPanelItem;

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
      {isOpen ? <MenuPanel id={menuId} label={label} items={items} onPicked={() => setIsOpen(false)} className="top-9 right-0 w-60" /> : null}
    </div>
  );
}
