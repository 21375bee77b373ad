import clsx from "clsx";

// Calm, readable on white text in both color schemes.
const AVATAR_COLORS = ["#2f6f9f", "#7a3e9d", "#1d7c5a", "#b15a1f", "#a12f5b", "#4d5b9e", "#5e7a1f", "#8a5a2b"] as const;

/** Up to two letters: first letters of the first and last words. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = Array.from(words[0]!)[0] ?? "";
  const last = words.length > 1 ? (Array.from(words[words.length - 1]!)[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** Same name, same color, on every screen and every device. */
export function avatarColorOf(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length]!;
}

const sizes = {
  xs: "size-5 text-[9px] rounded",
  sm: "size-6 text-[10px] rounded-md",
  md: "size-9 text-sm rounded-lg",
  lg: "size-16 text-2xl rounded-xl",
} as const;

export interface AvatarProps {
  name: string;
  imageUrl?: string | null;
  size?: keyof typeof sizes;
  className?: string;
}

export function Avatar({ name, imageUrl, size = "md", className }: AvatarProps) {
  const classes = clsx("inline-flex shrink-0 select-none items-center justify-center overflow-hidden font-semibold text-white", sizes[size], className);
  if (imageUrl) {
    return <img src={imageUrl} alt="" className={clsx(classes, "object-cover")} />;
  }
  return (
    <span aria-hidden="true" className={classes} style={{ backgroundColor: avatarColorOf(name) }}>
      {initialsOf(name)}
    </span>
  );
}
