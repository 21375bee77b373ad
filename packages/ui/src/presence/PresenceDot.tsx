import clsx from "clsx";

export type PresenceDotStatus = "online" | "away" | "offline";

export interface PresenceDotProps {
  status: PresenceDotStatus;
  /** Whose presence, for the accessible label ("Ana is online"). */
  name: string;
  className?: string;
}

const labels: Record<Exclude<PresenceDotStatus, "offline">, string> = { online: "online", away: "away" };

/**
 * Green when online, a hollow ring when away, nothing when offline (an absent
 * dot is calmer than a grey one on every idle colleague). The ring around it
 * matches the surface it sits on, so it reads on top of an avatar's corner.
 */
export function PresenceDot({ status, name, className }: PresenceDotProps) {
  if (status === "offline") return null;
  return (
    <span
      role="img"
      aria-label={`${name} is ${labels[status]}`}
      data-presence={status}
      className={clsx(
        "inline-block size-2.5 shrink-0 rounded-full ring-2 ring-[var(--presence-ring,var(--surface))]",
        status === "online" ? "bg-[#2bac76]" : "border-2 border-[#2bac76] bg-transparent",
        className,
      )}
    />
  );
}
