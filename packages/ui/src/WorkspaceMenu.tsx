"use client";

import clsx from "clsx";
import { useId } from "react";
import { useMenuState } from "./use-menu-state.ts";
import { ChevronDownIcon } from "./icons.tsx";

export interface WorkspaceMenuItem {
  id: string;
  label: string;
  onSelect: () => void;
  isDanger?: boolean;
}

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
        <div
          id={menuId}
          role="menu"
          aria-label={`${workspaceName} menu`}
          className="absolute top-10 left-0 z-30 w-72 overflow-hidden rounded-xl border border-border bg-surface py-2 text-text shadow-xl"
        >
          <div className="border-b border-border px-4 pb-2 mb-2">
            <p className="truncate text-[15px] font-bold">{workspaceName}</p>
            {caption ? <p className="truncate text-[13px] text-text-muted">{caption}</p> : null}
          </div>
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
