"use client";

import { useId, type ReactNode } from "react";
import { MenuPanel } from "./MenuPanel.tsx";
import { useMenuState } from "./use-menu-state.ts";

export interface SidebarAction {
  id: string;
  label: string;
  onSelect: () => void;
}

export interface SidebarAddMenuProps {
  /** The button's accessible name when it opens a menu, e.g. "Add a channel". */
  label: string;
  actions: SidebarAction[];
  icon: ReactNode;
}

/** The "+" beside a sidebar section title: runs a lone action at once, or opens a menu of several. */
export function SidebarAddMenu({ label, actions, icon }: SidebarAddMenuProps) {
  const { isOpen, setIsOpen, rootRef } = useMenuState<HTMLDivElement>({ focusFirstItem: true });
  const menuId = useId();
  const lone = actions.length === 1 ? actions[0] : undefined;

  return (
    <div ref={rootRef} className="relative shrink-0">
      <button
        type="button"
        aria-label={lone ? lone.label : label}
        title={lone ? lone.label : label}
        aria-haspopup={lone ? undefined : "menu"}
        aria-expanded={lone ? undefined : isOpen}
        aria-controls={lone ? undefined : menuId}
        onClick={() => (lone ? lone.onSelect() : setIsOpen((open) => !open))}
        className="inline-flex size-7 items-center justify-center rounded-md text-sidebar-text hover:bg-sidebar-hover hover:text-sidebar-text-strong focus-visible:outline-2 focus-visible:outline-sidebar-focus"
      >
        {icon}
      </button>
      {isOpen && !lone ? <MenuPanel id={menuId} label={label} items={actions} onPicked={() => setIsOpen(false)} className="top-8 right-0 w-60" /> : null}
    </div>
  );
}
