/**
 * The change-stream API of issue #10 (edits, deletes, reactions, replies, mentions, roles, leave/remove, renames,
 * direct conversations, typing, onConversationEvent). Written against the names ahead of the server; the
 * engine uses them only once the server answers the capability probe, so a server without them never sees them.
 * When the served schema has them, these move into operations.ts (typed by codegen).
 */
import type { Role } from '../logic/types';

/**
 * A message as a page of messages reads it. The server scores every list field as 20 rows against a budget of
 * 2,000 per operation, so a page (items × reactions × reactors = 8,000 per name) cannot list who reacted: a page
 * carries the counts and whether the caller is among them; single messages (a mutation's answer, a live event)
 * carry the names too.
 */
const pageMessageFields = /* GraphQL */ `
  id seq rev content createdAt editedAt deletedAt messageConversationId authorId
  author { id username }
  replyToId
  replyTo { id seq content deletedAt author { id username } }
  mentionsMe
  reactions { emoji count me }
`;

const messageFields = pageMessageFields.replace('reactions { emoji count me }', 'reactions { emoji count me users(limit: 20) { items { username } } }');

const convoFields = /* GraphQL */ `
  id name members lastSeq unreadCount unreadMentionCount lastActivityAt lastRev myRole direct
  lastMessage { id seq content createdAt author { id username } }
`;

export interface StreamMessage {
  id: string;
  seq: number;
  rev: number;
  content: string;
  createdAt: string | null;
  editedAt: string | null;
  deletedAt: string | null;
  messageConversationId: string;
  authorId: string | null;
  author: { id: string; username: string } | null;
  replyToId: string | null;
  replyTo: { id: string; seq: number; content: string; deletedAt: string | null; author: { id: string; username: string } | null } | null;
  mentionsMe: boolean;
  reactions: { emoji: string; count: number; me: boolean; users?: { items: ({ username: string } | null)[] | null } | null }[];
}

export interface StreamConvo {
  id: string;
  name: string;
  members: string[];
  lastSeq: number;
  unreadCount: number;
  unreadMentionCount: number;
  lastActivityAt: string | null;
  lastRev: number;
  myRole: Role;
  direct: boolean;
  lastMessage: { id: string; seq: number; content: string; createdAt: string | null; author: { id: string; username: string } | null } | null;
}

export interface StreamEvent {
  conversationId: string;
  kind: import('../chat/changes').ChangeKind;
  rev: number;
  prevRev: number | null;
  actor: { id: string; username: string } | null;
  message: StreamMessage | null;
  link: { convoLinkUserId: string | null; role: Role | null; removedAt: string | null; user: { id: string; username: string } | null } | null;
  conversation: StreamConvo | null;
  emoji: string | null;
}

/** Answers with null or NOT_FOUND on a server that has the fields; with a validation error on one that has not. */
export const CapabilityProbe = `query ChangeStreamProbe { getConvo(id: "capability-probe") { id lastRev myRole direct unreadMentionCount } }`;

/*
 * A server validates every operation of a document, but runs only the one named: each probe below runs
 * `{ __typename }` and is refused (a validation error) when the server lacks an operation beside it. Nothing is
 * subscribed to or written.
 */
/** The live change stream: onConversationEvent(afterRev). */
export const LiveChangesProbe = `
  query LiveChangesProbe { __typename }
  subscription LiveChangesProbeEvents { onConversationEvent(conversationId: "capability-probe", afterRev: 0) { rev } }`;

/** Typing indicators: setTyping and onTyping. */
export const TypingProbe = `
  query TypingProbe { __typename }
  mutation TypingProbeSet { setTyping(conversationId: "capability-probe", typing: false) }
  subscription TypingProbeEvents { onTyping(conversationId: "capability-probe") { typing } }`;

export const StreamMessagesQuery = `
  query StreamMessages($id: ID!, $limit: Int, $nextToken: String, $afterSeq: Int, $sortDirection: ModelSortDirection) {
    getConvo(id: $id) { id messages(limit: $limit, nextToken: $nextToken, afterSeq: $afterSeq, sortDirection: $sortDirection) { items { ${pageMessageFields} } nextToken } }
  }`;

/** Every message created or changed after a rev (tombstones included), in rev order: catch-up without the live stream. */
export const ChangedMessagesQuery = `
  query ChangedMessages($id: ID!, $afterRev: Int!, $limit: Int, $nextToken: String) {
    getConvo(id: $id) { ${convoFields} messages(changedAfterRev: $afterRev, limit: $limit, nextToken: $nextToken) { items { ${pageMessageFields} } nextToken } }
  }`;

export const StreamConvoQuery = `query StreamConvo($id: ID!) { getConvo(id: $id) { ${convoFields} } }`;

export const MembersQuery = `
  query Members($id: ID!) {
    getConvo(id: $id) { id myRole associated(limit: 500) { items { id convoLinkUserId role removedAt user { id username } } nextToken } }
  }`;

export const ConversationEventSubscription = `
  subscription ConversationEvents($conversationId: ID!, $afterRev: Int) {
    onConversationEvent(conversationId: $conversationId, afterRev: $afterRev) {
      conversationId kind rev prevRev emoji
      actor { id username }
      message { ${messageFields} }
      link { convoLinkUserId role removedAt user { id username } }
      conversation { ${convoFields} }
    }
  }`;

export const TypingSubscription = `
  subscription Typing($conversationId: ID!) { onTyping(conversationId: $conversationId) { conversationId typing expiresAt user { id username } } }`;

export const SetTypingMutation = `mutation SetTyping($conversationId: ID!, $typing: Boolean!) { setTyping(conversationId: $conversationId, typing: $typing) }`;

export const SendReplyMutation = `
  mutation SendReply($id: ID!, $conversationId: ID!, $content: String!, $createdAt: String, $replyToId: ID) {
    createMessage(input: { id: $id, messageConversationId: $conversationId, content: $content, createdAt: $createdAt, replyToId: $replyToId }) { ${messageFields} }
  }`;

export const EditMessageMutation = `
  mutation EditMessage($id: ID!, $content: String!, $expectedRev: Int!) { updateMessage(input: { id: $id, content: $content, expectedRev: $expectedRev }) { ${messageFields} } }`;

export const DeleteMessageMutation = `mutation DeleteMessage($id: ID!) { deleteMessage(input: { id: $id }) { ${messageFields} } }`;

export const AddReactionMutation = `
  mutation AddReaction($messageId: ID!, $emoji: String!) { addReaction(input: { messageId: $messageId, emoji: $emoji }) { ${messageFields} } }`;

export const RemoveReactionMutation = `
  mutation RemoveReaction($messageId: ID!, $emoji: String!) { removeReaction(input: { messageId: $messageId, emoji: $emoji }) { ${messageFields} } }`;

export const RemoveMemberMutation = `
  mutation RemoveMember($conversationId: ID!, $userId: ID!) {
    deleteConvoLink(input: { convoLinkConversationId: $conversationId, convoLinkUserId: $userId }) { id removedAt conversation { ${convoFields} } }
  }`;

/** Leaving: the leaver may no longer read the conversation, so only the link's tombstone is selected. */
export const LeaveMutation = `
  mutation Leave($conversationId: ID!) { deleteConvoLink(input: { convoLinkConversationId: $conversationId }) { id removedAt } }`;

export const SetRoleMutation = `
  mutation SetRole($conversationId: ID!, $userId: ID!, $role: ConvoRole!) {
    updateConvoLink(input: { convoLinkConversationId: $conversationId, convoLinkUserId: $userId, role: $role }) { id role conversation { ${convoFields} } }
  }`;

export const RenameMutation = `mutation Rename($id: ID!, $name: String!) { updateConvo(input: { id: $id, name: $name }) { ${convoFields} } }`;

export const CreateDirectMutation = `
  mutation CreateDirect($id: ID, $name: String!, $members: [String!]!) {
    createConvo(input: { id: $id, name: $name, members: $members, direct: true }) { ${convoFields} }
  }`;
