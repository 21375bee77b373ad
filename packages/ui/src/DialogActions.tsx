"use client";

import type { ReactNode } from "react";
import { Button } from "./Button.tsx";

export interface DialogActionsProps {
  /** The server's refusal that belongs to no field, shown above the buttons. */
  error: string | null;
  onCancel: () => void;
  /** The dialog's own action (a submit or confirm Button). */
  children: ReactNode;
}

/** The foot of a dialog: what went wrong, then Cancel and the dialog's action. */
export function DialogActions({ error, onCancel, children }: DialogActionsProps) {
  return (
    <>
      {error ? (
        <p role="alert" className="text-[13px] text-danger">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        {children}
      </div>
    </>
  );
}
