/** A confirmed message as the client keeps it (flattened from the API's Message). */
export interface ChatMessage {
  readonly id: string;
  readonly seq: number;
  readonly conversationId: string;
  readonly content: string;
  /** The server's time (ISO 8601). */
  readonly createdAt: string;
  readonly authorId: string | null;
  readonly authorName: string | null;
  /** The conversation's rev of this message's latest change (0 when the server does not say). */
  readonly rev?: number;
  readonly editedAt?: string | null;
  /** A deleted message stays in place as a tombstone ("This message was deleted"). */
  readonly deletedAt?: string | null;
  readonly replyToId?: string | null;
  /** The original of a reply, as the server resolved it (a tombstone when deleted). */
  readonly replyTo?: { readonly id: string; readonly seq: number; readonly content: string; readonly deleted: boolean; readonly authorName: string | null } | null;
  readonly mentionsMe?: boolean;
  readonly reactions?: readonly Reaction[];
}

export interface Reaction {
  readonly emoji: string;
  readonly count: number;
  /** Whether the caller is one of those who reacted. */
  readonly me: boolean;
  /** Who reacted, as far as the server listed them. */
  readonly usernames: readonly string[];
}

export type Role = 'OWNER' | 'ADMIN' | 'MEMBER';

/** One conversation as the list and the header show it. */
export interface Convo {
  readonly id: string;
  /** The name given at creation or by a rename; may be a generated list of usernames (see convoTitle). */
  readonly name: string;
  /** Usernames of the current members. */
  readonly members: readonly string[];
  readonly lastSeq: number;
  readonly unreadCount: number;
  readonly unreadMentionCount: number;
  readonly lastActivityAt: string | null;
  readonly lastMessage: {
    readonly id: string;
    readonly seq: number;
    readonly content: string;
    readonly createdAt: string | null;
    readonly authorName: string | null;
  } | null;
  /** A one-to-one conversation made through the direct API. */
  readonly direct: boolean;
  readonly lastRev?: number;
  readonly myRole?: Role;
}
