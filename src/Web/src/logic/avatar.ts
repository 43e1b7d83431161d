/** Initials for an avatar without a picture: "alice.smith" → "AS", "bob" → "B". */
export function initials(name: string | null | undefined): string {
  const parts = (name ?? '').split(/[\s._\-@+]+/u).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = [...parts[0]!][0] ?? '';
  const second = parts.length > 1 ? ([...parts[1]!][0] ?? '') : '';
  return (first + second).toUpperCase();
}

/**
 * A colour per person, the same on every device: a hue from a hash of the user id, at a lightness where white
 * initials keep WCAG AA contrast (≥ 4.5:1) for every hue.
 */
export function avatarColor(userId: string | null | undefined): string {
  let hash = 2166136261;
  for (const ch of userId ?? '') {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 16777619);
  }
  const hue = (hash >>> 0) % 360;
  return `hsl(${hue} 65% 32%)`;
}
