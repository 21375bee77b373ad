"use client";

import type { ReactNode } from "react";
import { Button } from "./Button.tsx";
import { Dialog } from "./Dialog.tsx";
import { DialogActions } from "./DialogActions.tsx";

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isDanger?: boolean;
  isBusy: boolean;
  /** The server's refusal, shown above the buttons. */
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Are you sure?" for actions that are hard to take back (archive, leaving a private channel). */
export function ConfirmDialog({ title, children, confirmLabel, isDanger = false, isBusy, error, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Dialog isOpen title={title} onClose={onClose}>
      <div className="flex flex-col gap-4 text-[15px] leading-[22px] text-text">
        {children}
        <DialogActions error={error} onCancel={onClose}>
          <Button variant={isDanger ? "danger" : "primary"} isBusy={isBusy} onClick={onConfirm} data-autofocus>
            {confirmLabel}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
