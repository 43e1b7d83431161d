import type { ChatMessage, Convo } from '../logic/types';

/** The loaded messages of one conversation, by seq, plus the cursor for older pages. */
export interface ConversationMessages {
  readonly messages: readonly ChatMessage[];
  /** Cursor of the next older page; null when the oldest message is loaded. */
  readonly olderToken: string | null;
  /** The first page has been read; until then live messages are kept but the list is incomplete. */
  readonly loaded: boolean;
}

export interface Typist {
  readonly username: string;
  /** Epoch ms after which the indicator goes even if no "stopped" event came. */
  readonly expiresAt: number;
}

/** Why a conversation is not (or no longer) shown: an unknown link, or the person left or was removed. */
export type Gone = 'missing' | 'removed';

/**
 * Everything the screens show that changes with live events. One reducer (reducer.ts) makes every change, so a
 * unit test can drive it with the same events the server sends.
 */
export interface ChatState {
  readonly convos: Readonly<Record<string, Convo>>;
  readonly list: {
    readonly loaded: boolean;
    /** The last read of the first page failed (the list offers to try again). */
    readonly failed: boolean;
    readonly nextToken: string | null;
    readonly olderLoaded: boolean;
  };
  readonly gone: Readonly<Record<string, Gone>>;
  readonly messages: Readonly<Record<string, ConversationMessages>>;
  /** conversationId → userId → who is typing. */
  readonly typing: Readonly<Record<string, Readonly<Record<string, Typist>>>>;
  /** conversationId → the newest rev applied from the change stream (where a catch-up resumes: afterRev). */
  readonly revs: Readonly<Record<string, number>>;
  /** The server has the change stream (#10): message actions, members, typing and onConversationEvent are on. */
  readonly changeStream: boolean;
  /**
   * The server has onConversationEvent: changes come live and a reconnect resumes it from `revs`. Without it the
   * engine catches up by rev over HTTP (after a reconnect, and now and then for the open conversation).
   */
  readonly liveChanges: boolean;
  /** The server has setTyping/onTyping. */
  readonly typingEvents: boolean;
  /** Conversations whose notifications and title count are off. */
  readonly muted: Readonly<Record<string, true>>;
}

export const emptyMessages: ConversationMessages = { messages: [], olderToken: null, loaded: false };

export const initialState: ChatState = {
  convos: {},
  list: { loaded: false, failed: false, nextToken: null, olderLoaded: false },
  gone: {},
  messages: {},
  typing: {},
  revs: {},
  changeStream: false,
  liveChanges: false,
  typingEvents: false,
  muted: {},
};
