import { mentions } from '../logic/mentions';
import type { ChatMessage, Convo } from '../logic/types';

export interface NotifyContext {
  readonly message: ChatMessage;
  readonly convo: Convo | undefined;
  readonly me: { readonly id: string; readonly username: string };
  readonly muted: boolean;
  readonly hidden: boolean;
  readonly permission: NotificationPermission | 'unsupported';
}

/**
 * Desktop notifications as chat users expect them: only while the tab is hidden, only for someone else's message
 * in a direct conversation or one that mentions the caller, never for a muted conversation, and only once the
 * person allowed them (asked on a click, never on load).
 */
export function shouldNotify({ message, convo, me, muted, hidden, permission }: NotifyContext): boolean {
  if (permission !== 'granted' || !hidden || muted || message.deletedAt) return false;
  if (message.authorId === me.id) return false;
  const direct = convo ? convo.direct || convo.members.length === 2 : false;
  return direct || (message.mentionsMe ?? mentions(message.content, me.username));
}

/** What the notification says: who, where, and the start of the text. */
export function notificationText(message: ChatMessage, title: string, direct: boolean): { title: string; body: string } {
  const author = message.authorName ?? 'Someone';
  const body = message.content.length > 140 ? `${message.content.slice(0, 139)}…` : message.content;
  return { title: direct ? author : `${author} in ${title}`, body };
}
