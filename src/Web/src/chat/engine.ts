import type { Client, CombinedError, OperationResult } from 'urql';
import { ConvoMessagesQuery, MyConvosQuery, MarkReadMutation, SendMessageMutation } from '../api/operations';
import { CONVO_PAGE_SIZE } from '../api/client';
import type { Connection } from '../api/connection';
import type { ConvoMessagesQuery as ConvoMessagesData, MessageFieldsFragment } from '../gql/graphql';
import { IdbOutboxStorage } from '../logic/idbOutboxStorage';
import { MessageStore } from '../logic/messageStore';
import { MemoryOutboxStorage, Outbox, SendRejected, type OutboxStorage } from '../logic/outbox';
import type { ChatMessage } from '../logic/types';

export const MESSAGE_PAGE_SIZE = 30;
const CATCH_UP_PAGE_SIZE = 200;
const SETTLE_READ_MS = 3000;

/** Codes for which sending the same message again cannot help; anything else is treated as "try later". */
const REFUSALS = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

export function toChatMessage(m: MessageFieldsFragment): ChatMessage {
  return {
    id: m.id,
    seq: m.seq,
    conversationId: m.messageConversationId,
    content: m.content,
    createdAt: m.createdAt ?? new Date().toISOString(),
    authorId: m.authorId ?? m.author?.id ?? null,
    authorName: m.author?.username ?? null,
  };
}

function errorCode(error: CombinedError): string | undefined {
  return error.graphQLErrors.map((e) => e.extensions?.code as string | undefined).find(Boolean);
}

/**
 * The client's moving parts around the GraphQL client: loaded messages per conversation, the outbox, and the
 * rules that tie them to the connection — after any reconnect, refresh the list, catch every loaded
 * conversation up by afterSeq, and replay the outbox in order.
 */
export class ChatEngine {
  readonly messages = new MessageStore();
  readonly outbox: Outbox<ChatMessage>;
  private readonly catchingUp = new Map<string, { again: boolean; run: Promise<void> }>();
  private readonly catchUpRetries = new Map<string, ReturnType<typeof setTimeout>>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = 2000;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly markedRead = new Map<string, number>();

  /**
   * @param userKey whose outbox this is (the session's subject): each person on a shared browser gets their own
   * IndexedDB database, so one person's queued messages are never sent under another's session.
   */
  constructor(
    private readonly client: Client,
    readonly connection: Connection,
    userKey: string,
    storage: OutboxStorage = typeof indexedDB === 'undefined'
      ? new MemoryOutboxStorage()
      : new IdbOutboxStorage(indexedDB, `chatt-outbox-${userKey}`),
  ) {
    this.outbox = new Outbox<ChatMessage>({
      storage,
      send: (item) => this.send(item.id, item.conversationId, item.content, item.createdAt),
      onSent: (_item, sent) => this.accept(sent),
    });
    connection.onReconnect(() => {
      void this.resync();
      // graphql-transport-ws does not say when the server has registered a subscription, so a message committed
      // between the catch-up read and that moment would come by neither path until the next one reveals the gap.
      // A second read shortly after closes that window without waiting for the next message.
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => void this.resync(), SETTLE_READ_MS);
    });
    window.addEventListener('online', () => void this.flush());
  }

  async start(): Promise<void> {
    try {
      await this.outbox.load();
    } catch {
      // IndexedDB refused (private mode, quota): the outbox still works for this page's lifetime.
    }
    void this.flush();
  }

  /** The live stream's message: merge it, and if it skipped seqs, read the hole. */
  receive(message: MessageFieldsFragment): void {
    this.accept(toChatMessage(message));
  }

  /** Any single message from the server (live, or a send's answer): merged, and a hole before it is read. */
  private accept(message: ChatMessage): void {
    if (this.messages.applyMessages(message.conversationId, [message])) void this.catchUp(message.conversationId);
  }

  async loadLatest(conversationId: string): Promise<void> {
    const result = await this.client
      .query(ConvoMessagesQuery, { id: conversationId, limit: MESSAGE_PAGE_SIZE, sortDirection: 'DESC' }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) throw result.error;
    const page = result.data?.getConvo?.messages;
    const items = (page?.items ?? []).filter((m) => m != null).map(toChatMessage);
    this.messages.applyLatestPage(conversationId, items, page?.nextToken ?? null);
  }

  async loadOlder(conversationId: string): Promise<void> {
    const token = this.messages.get(conversationId).olderToken;
    if (!token) return;
    const result = await this.client
      .query(
        ConvoMessagesQuery,
        { id: conversationId, limit: MESSAGE_PAGE_SIZE, sortDirection: 'DESC', nextToken: token },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (result.error) throw result.error;
    const page = result.data?.getConvo?.messages;
    this.messages.applyOlderPage(conversationId, (page?.items ?? []).filter((m) => m != null).map(toChatMessage), page?.nextToken ?? null);
  }

  /**
   * Reads everything after the last unbroken seq, oldest first, until the server has no more. One run per
   * conversation at a time; a request that comes while one runs makes it read once more when done (the request
   * may know of newer messages, e.g. it came after a reconnect while the run started before). A run that fails
   * is tried again later, so a hole is never left waiting for the next reconnect.
   */
  catchUp(conversationId: string): Promise<void> {
    const current = this.catchingUp.get(conversationId);
    if (current) {
      current.again = true;
      return current.run;
    }
    clearTimeout(this.catchUpRetries.get(conversationId));
    this.catchUpRetries.delete(conversationId);
    const entry = { again: false, run: Promise.resolve() };
    entry.run = (async () => {
      try {
        do {
          entry.again = false;
          if (!(await this.readAfter(conversationId))) {
            if (entry.again) continue; // asked again meanwhile (the network may be back): try now
            this.catchUpRetries.set(conversationId, setTimeout(() => void this.catchUp(conversationId), 3000));
            return;
          }
        } while (entry.again);
      } finally {
        this.catchingUp.delete(conversationId);
      }
    })();
    this.catchingUp.set(conversationId, entry);
    return entry.run;
  }

  private async readAfter(conversationId: string): Promise<boolean> {
    let nextToken: string | null = null;
    const afterSeq = this.messages.catchUpFrom(conversationId);
    do {
      const result: OperationResult<ConvoMessagesData> = await this.client
        .query(
          ConvoMessagesQuery,
          { id: conversationId, afterSeq, limit: CATCH_UP_PAGE_SIZE, sortDirection: 'ASC', nextToken },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      if (result.error) return false;
      const page = result.data?.getConvo?.messages;
      this.messages.applyMessages(conversationId, (page?.items ?? []).filter((m) => m != null).map(toChatMessage));
      nextToken = page?.nextToken ?? null;
    } while (nextToken);
    return true;
  }

  async resync(): Promise<void> {
    await this.client.query(MyConvosQuery, { limit: CONVO_PAGE_SIZE }, { requestPolicy: 'network-only' }).toPromise();
    await Promise.all(this.messages.loadedIds().map((id) => this.catchUp(id)));
    await this.flush();
  }

  async sendText(conversationId: string, content: string): Promise<void> {
    await this.outbox.enqueue(conversationId, content);
    void this.flush();
  }

  /** Sends the outbox; when the network stops it, tries again with backoff (and at once on reconnect/online). */
  async flush(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (!navigator.onLine) return;
    const result = await this.outbox.flush();
    if (result === 'blocked') {
      this.retryTimer = setTimeout(() => void this.flush(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
    } else {
      this.retryDelay = 2000;
    }
  }

  /** Marks read up to seq, once per new high-water mark (the server's mark never moves back anyway). */
  markRead(conversationId: string, seq: number): void {
    if (seq <= 0 || (this.markedRead.get(conversationId) ?? 0) >= seq) return;
    this.markedRead.set(conversationId, seq);
    void this.client.mutation(MarkReadMutation, { conversationId, seq }).toPromise().then((r) => {
      if (r.error) this.markedRead.delete(conversationId);
    });
  }

  private async send(id: string, conversationId: string, content: string, createdAt: string): Promise<ChatMessage> {
    const result = await this.client.mutation(SendMessageMutation, { id, conversationId, content, createdAt }).toPromise();
    if (result.error) {
      const code = errorCode(result.error);
      if (!result.error.networkError && code && REFUSALS.has(code)) {
        throw new SendRejected(result.error.graphQLErrors[0]?.message ?? code, code);
      }
      throw result.error;
    }
    const message = result.data?.createMessage;
    if (!message) throw new Error('createMessage returned nothing');
    return toChatMessage(message);
  }
}
