"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Open/closed state of a small popup menu rooted at `rootRef`: a pointer press
 * outside it or Escape closes it. With `focusFirstItem`, opening moves focus to
 * the first `[role=menuitem]` so the menu is usable from the keyboard.
 */
export function useMenuState<T extends HTMLElement>(options: { focusFirstItem?: boolean } = {}) {
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<T>(null);
  const { focusFirstItem = false } = options;

  useEffect(() => {
    if (!isOpen) return;
    const closeOnOutsideClick = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === "Escape") setIsOpen(false);
    };
    document.addEventListener("pointerdown", closeOnOutsideClick);
    document.addEventListener("keydown", closeOnEscape);
    if (focusFirstItem) rootRef.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    return () => {
      document.removeEventListener("pointerdown", closeOnOutsideClick);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [isOpen, focusFirstItem]);

  return { isOpen, setIsOpen, rootRef };
}
