import type { Convo } from '../logic/types';
import type { ChatState } from './state';

/** The list's order: most recent activity first (live events change activity in place). */
export function sortedConvos(convos: ChatState['convos']): Convo[] {
  return Object.values(convos).sort((a, b) => (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? ''));
}

/** Unread messages over all conversations that are not muted: the number in the tab title. */
export function totalUnread(state: Pick<ChatState, 'convos' | 'muted'>): number {
  let total = 0;
  for (const convo of Object.values(state.convos)) if (!state.muted[convo.id]) total += convo.unreadCount;
  return total;
}

/** "(3) Chatt" while something is unread, "Chatt" otherwise. */
export function tabTitle(unread: number): string {
  if (unread <= 0) return 'Chatt';
  return `(${unread > 999 ? '999+' : unread}) Chatt`;
}

/**
 * The seq of the first message the caller has not read, from the summary as it was when the conversation was
 * opened; null when nothing is unread. The divider stays there while the view is open, as in Slack.
 */
export function firstUnreadSeq(convo: Pick<Convo, 'lastSeq' | 'unreadCount'> | undefined): number | null {
  if (!convo || convo.unreadCount <= 0) return null;
  return Math.max(1, convo.lastSeq - convo.unreadCount + 1);
}
