/**
 * What the person was writing, per conversation, kept across switching conversations and reloads (localStorage,
 * one key per user and conversation). Cleared when the message is sent.
 */
export class Drafts {
  private readonly memory = new Map<string, string>();

  constructor(private readonly userKey: string, private readonly storage: Storage | null = safeLocalStorage()) {}

  get(conversationId: string): string {
    if (this.memory.has(conversationId)) return this.memory.get(conversationId)!;
    return this.storage?.getItem(this.key(conversationId)) ?? '';
  }

  set(conversationId: string, text: string): void {
    this.memory.set(conversationId, text);
    try {
      if (text) this.storage?.setItem(this.key(conversationId), text);
      else this.storage?.removeItem(this.key(conversationId));
    } catch {
      // Quota or private mode: the draft still survives switching conversations in this tab.
    }
  }

  private key(conversationId: string): string {
    return `chatt.draft.${this.userKey}.${conversationId}`;
  }
}

export function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
