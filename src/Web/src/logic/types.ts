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
}
