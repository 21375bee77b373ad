"use client";

import { useId } from "react";
import { MenuPanel, type MenuPanelItem } from "./MenuPanel.tsx";
import { useMenuState } from "./use-menu-state.ts";
import { ChevronDownIcon } from "./icons.tsx";

export type WorkspaceMenuItem = MenuPanelItem;

export interface WorkspaceMenuProps {
  workspaceName: string;
  /** Shown at the top of the open menu, e.g. the signed-in person's email. */
  caption?: string;
  items: WorkspaceMenuItem[];
}

/** The workspace name at the top of the sidebar; opens a small menu. */
export function WorkspaceMenu({ workspaceName, caption, items }: WorkspaceMenuProps) {
  const { isOpen, setIsOpen, rootRef } = useMenuState<HTMLDivElement>();
  const menuId = useId();

  return (
    <div ref={rootRef} className="relative min-w-0 flex-1">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={menuId}
        onClick={() => setIsOpen((open) => !open)}
        className="flex h-8 max-w-full items-center gap-1 rounded-md px-2 text-[18px] font-black text-sidebar-text-strong hover:bg-sidebar-hover focus-visible:outline-2 focus-visible:outline-sidebar-focus"
      >
        <span className="truncate">{workspaceName}</span>
        <ChevronDownIcon className="size-4 shrink-0" />
      </button>
      {isOpen ? (
        <MenuPanel
          id={menuId}
          label={`${workspaceName} menu`}
          items={items}
          onPicked={() => setIsOpen(false)}
          className="top-10 left-0 w-72"
          header={
            <div className="border-b border-border px-4 pb-2 mb-2">
              <p className="truncate text-[15px] font-bold">{workspaceName}</p>
              {caption ? <p className="truncate text-[13px] text-text-muted">{caption}</p> : null}
            </div>
          }
        />
      ) : null}
    </div>
  );
}
