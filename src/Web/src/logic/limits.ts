/**
 * The server's limits as the client shows them. The server is the authority (it refuses anything beyond them with
 * BAD_USER_INPUT); these are its defaults — `Chat` options in src/ChatApi/Common/ChatOptions.cs and the username
 * rule in src/ChatApi/Users/Usernames.cs — and test/limits.test.ts reads those files so the two cannot drift apart.
 */
export const limits = {
  /** ChatOptions.MaxMessageLength: longest message content, in UTF-16 characters as .NET counts them. */
  maxMessageLength: 4000,
  /** ChatOptions.MaxConversationNameLength. */
  maxConversationNameLength: 100,
  /** ChatOptions.MaxMembersPerConversation. */
  maxMembersPerConversation: 500,
  /** Usernames.MaxLength. */
  maxUsernameLength: 32,
} as const;

/** Usernames.IsAllowed: letters, digits and . _ - @ + (so an email address works). */
export const usernameCharacters = String.raw`\p{L}\p{N}._\-@+`;

export function isValidUsername(name: string): boolean {
  return name.length >= 1 && name.length <= limits.maxUsernameLength && new RegExp(`^[${usernameCharacters}]+$`, 'u').test(name);
}
