/**
 * `@username` in message text. The server resolves mentions of current members (and @all/@here from owners and
 * admins); the client uses the same shape to highlight them and, until the server says `mentionsMe`, to decide
 * whether a message calls the caller.
 */
// A username is letters, digits and . _ - @ + (limits.ts); a trailing dot or dash is punctuation, not the name.
export const MENTION = /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}._\-+@]*[\p{L}\p{N}_+])/gu;

export function mentionedNames(text: string): string[] {
  return [...text.matchAll(MENTION)].map((m) => m[2]!);
}

export function mentions(text: string, username: string): boolean {
  const me = username.toLowerCase();
  return mentionedNames(text).some((n) => {
    const name = n.toLowerCase();
    return name === me || name === 'all' || name === 'here';
  });
}
