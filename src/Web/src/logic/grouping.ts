/**
 * Messages by one author close together in time read as one block (Slack, Mattermost): the avatar, name and time
 * are shown once, at the block's first message. A new block starts with another author, a day separator, or a pause
 * of GROUP_WINDOW_MS or more.
 */
export const GROUP_WINDOW_MS = 5 * 60_000;

export interface Groupable {
  readonly authorKey: string | null;
  readonly at: string;
}

/** Whether `current` continues the block of `previous` (the entry right before it, or undefined). */
export function continuesGroup(previous: Groupable | undefined, current: Groupable): boolean {
  if (!previous || previous.authorKey == null || previous.authorKey !== current.authorKey) return false;
  const gap = new Date(current.at).getTime() - new Date(previous.at).getTime();
  return gap >= 0 && gap < GROUP_WINDOW_MS;
}

