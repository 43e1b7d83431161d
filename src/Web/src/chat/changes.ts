import type { ChatMessage, Convo, Role } from '../logic/types';

/** The kinds of onConversationEvent (issue #10), one per committed change. */
export type ChangeKind =
  | 'MESSAGE_CREATED'
  | 'MESSAGE_EDITED'
  | 'MESSAGE_DELETED'
  | 'REACTION_ADDED'
  | 'REACTION_REMOVED'
  | 'MEMBER_ADDED'
  | 'MEMBER_REMOVED'
  | 'MEMBER_UPDATED'
  | 'CONVERSATION_UPDATED';

/**
 * One change of a conversation as the client applies it: the state *after* the change (the whole message, the
 * link, the conversation's summary), stamped with the conversation's gap-free rev. Applying the same rev twice, or
 * an older one after a newer, changes nothing — so a replay after a reconnect (afterRev) is applied exactly once.
 */
export interface ConversationChange {
  readonly conversationId: string;
  readonly kind: ChangeKind;
  readonly rev: number;
  readonly actorId: string | null;
  readonly message?: ChatMessage;
  readonly convo?: Convo;
  readonly link?: { readonly userId: string; readonly username: string | null; readonly role: Role | null; readonly removed: boolean };
  readonly emoji?: string | null;
}
