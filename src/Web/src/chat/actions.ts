import type { ChatMessage, Convo } from '../logic/types';
import type { ConversationChange } from './changes';

/**
 * Everything that changes ChatState: answers to the client's own reads and writes, and every live event. The
 * engine turns each server payload into one of these; nothing else writes the state.
 */
export type ChatAction =
  /** A page of myConvos: the first (newest) page, or the older page after the current cursor. */
  | { readonly type: 'convoPage'; readonly page: 'first' | 'older'; readonly items: readonly Convo[]; readonly nextToken: string | null }
  /** Reading the first page failed (network): the list says so and offers to try again. */
  | { readonly type: 'convoPageFailed' }
  /** One conversation's current state (getConvo, createConvo, an add or rename answer, an inbox event). */
  | {
      readonly type: 'convo';
      readonly convo: Convo;
      /** The caller was (re-)added: this brings back a conversation they had left; any other summary does not. */
      readonly added?: boolean;
    }
  /** A link to a conversation that does not exist or that the caller is not in. */
  | { readonly type: 'convoMissing'; readonly conversationId: string }
  /** The caller left or was removed: the conversation leaves the list at once. */
  | { readonly type: 'convoRemoved'; readonly conversationId: string }
  /** Messages from a page read. `latest` sets the older cursor the first time; `older` moves it. */
  | { readonly type: 'messagePage'; readonly conversationId: string; readonly page: 'latest' | 'older'; readonly messages: readonly ChatMessage[]; readonly olderToken: string | null }
  /** Messages from the live stream, a send's answer or a catch-up read (new or changed: merged by seq, newest rev wins). */
  | { readonly type: 'messages'; readonly conversationId: string; readonly messages: readonly ChatMessage[] }
  /** The server's answer to markRead. */
  | { readonly type: 'readMarked'; readonly conversationId: string; readonly unreadCount: number; readonly unreadMentionCount?: number }
  | { readonly type: 'typing'; readonly conversationId: string; readonly userId: string; readonly username: string; readonly typing: boolean; readonly expiresAt: number }
  /** Time passed: typing indicators past their expiry go. */
  | { readonly type: 'tick'; readonly now: number }
  /** A change from onConversationEvent, live or replayed after a rev. */
  | { readonly type: 'change'; readonly change: ConversationChange }
  /** What the server answered the capability probes (engine.probe); a field left out stays as it was. */
  | { readonly type: 'capabilities'; readonly changeStream?: boolean; readonly liveChanges?: boolean; readonly typingEvents?: boolean }
  /** Everything up to this rev of the conversation has been applied (a catch-up read by rev): the next one starts here. */
  | { readonly type: 'revReached'; readonly conversationId: string; readonly rev: number }
  | { readonly type: 'mute'; readonly conversationId: string; readonly muted: boolean }
  | { readonly type: 'mutedLoaded'; readonly conversationIds: readonly string[] };
