"use client";

import type { WorkspaceMemberEntry } from "@parley/api/workspaces/workspaces.schema";
import { Avatar } from "@parley/ui/Avatar";
import { CheckIcon } from "@parley/ui/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "../../trpc/react.tsx";

export interface PeoplePickerProps {
  workspaceId: string;
  selected: WorkspaceMemberEntry[];
  onChange: (next: WorkspaceMemberEntry[]) => void;
  /** People never offered (yourself, existing members). */
  excludedIds: ReadonlySet<string>;
  maxSelected: number;
}

/** Search the workspace by name or email and pick people; picked ones show as removable chips. */
export function PeoplePicker({ workspaceId, selected, onChange, excludedIds, maxSelected }: PeoplePickerProps) {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query.trim());
  const members = useQuery({
    ...trpc.workspaces.members.queryOptions({ workspaceId, query: deferredQuery || undefined, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const selectedIds = new Set(selected.map((person) => person.id));
  const candidates = (members.data ?? []).filter((person) => !excludedIds.has(person.id));
  const isFull = selected.length >= maxSelected;

  function toggle(person: WorkspaceMemberEntry) {
    if (selectedIds.has(person.id)) onChange(selected.filter((other) => other.id !== person.id));
    else if (!isFull) onChange([...selected, person]);
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex min-h-11 flex-wrap items-center gap-1.5 rounded-lg border border-border-strong px-2 py-1.5 focus-within:border-link focus-within:ring-4 focus-within:ring-link/20">
        {selected.map((person) => (
          <button
            key={person.id}
            type="button"
            onClick={() => toggle(person)}
            aria-label={`Remove ${person.name}`}
            className="inline-flex h-7 items-center gap-1.5 rounded-md bg-link/10 px-2 text-[14px] font-bold text-link hover:bg-link/20"
          >
            {person.name} <span aria-hidden="true">×</span>
          </button>
        ))}
        <input
          autoFocus
          aria-label="Search people by name or email"
          placeholder={selected.length === 0 ? "Type a name or email" : ""}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Backspace" && query === "" && selected.length > 0) onChange(selected.slice(0, -1));
            if (event.key === "Enter" && candidates[0]) {
              event.preventDefault();
              toggle(candidates[0]);
              setQuery("");
            }
          }}
          className="h-7 min-w-32 flex-1 bg-transparent text-[16px] text-text outline-none placeholder:text-text-muted/70"
        />
      </div>
      {isFull ? <p className="text-[13px] text-text-muted">You can add up to {maxSelected} people.</p> : null}
      <ul aria-label="People" className="h-60 overflow-y-auto rounded-lg border border-border">
        {candidates.map((person) => {
          const isSelected = selectedIds.has(person.id);
          return (
            <li key={person.id}>
              <button
                type="button"
                aria-pressed={isSelected}
                disabled={!isSelected && isFull}
                onClick={() => toggle(person)}
                className={clsx("flex w-full items-center gap-2.5 px-3 py-1.5 text-left hover:bg-surface-muted disabled:opacity-50", isSelected && "bg-link/5")}
              >
                <Avatar name={person.name} size="sm" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-[15px] font-bold">{person.name}</span>
                  <span className="block truncate text-[13px] text-text-muted">{person.email}</span>
                </span>
                {isSelected ? <CheckIcon className="size-4 text-link" /> : null}
              </button>
            </li>
          );
        })}
        {members.isError ? <li className="px-3 py-2 text-[14px] text-danger">{members.error.message}</li> : null}
        {members.isPending ? <li className="px-3 py-2 text-[14px] text-text-muted">Loading people…</li> : null}
        {members.isSuccess && candidates.length === 0 ? (
          <li className="px-3 py-2 text-[14px] text-text-muted">{deferredQuery ? `Nobody matches “${deferredQuery}”.` : "Nobody else is here yet."}</li>
        ) : null}
      </ul>
    </div>
  );
}
