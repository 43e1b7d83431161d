import { useState } from 'react';
import type { ChatMessage, Reaction } from '../logic/types';

/** The small picker: the reactions people use most in team chat. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'] as const;

export interface MessageActionHandlers {
  readonly onReply?: () => void;
  readonly onReact?: (emoji: string) => void;
  readonly onEdit?: () => void;
  readonly onDelete?: () => void;
  readonly onCopyLink: () => void;
}

/**
 * The actions on one message, each a plain named button: shown on hover or focus on a desktop, and on a long
 * press (or the context menu) on a phone. Actions the server does not offer yet are left out, not disabled.
 */
export function MessageActions({ message, handlers, onDone }: { message: ChatMessage; handlers: MessageActionHandlers; onDone?: () => void }) {
  const [picking, setPicking] = useState(false);
  const done = (fn?: () => void) => () => {
    fn?.();
    setPicking(false);
    onDone?.();
  };
  if (message.deletedAt) return null;
  return (
    <div className="message-actions" role="toolbar" aria-label="Message actions">
      {handlers.onReply && (
        <button type="button" className="action" onClick={done(handlers.onReply)}>
          Reply
        </button>
      )}
      {handlers.onReact && (
        <button type="button" className="action" aria-expanded={picking} onClick={() => setPicking(!picking)}>
          React
        </button>
      )}
      {handlers.onEdit && (
        <button type="button" className="action" onClick={done(handlers.onEdit)}>
          Edit
        </button>
      )}
      {handlers.onDelete && (
        <button type="button" className="action danger" onClick={done(handlers.onDelete)}>
          Delete
        </button>
      )}
      <button type="button" className="action" onClick={done(handlers.onCopyLink)}>
        Copy link
      </button>
      {picking && handlers.onReact && (
        <div className="emoji-picker" role="group" aria-label="Pick a reaction">
          {QUICK_REACTIONS.map((emoji) => (
            <button key={emoji} type="button" className="emoji" aria-label={`React with ${emoji}`} onClick={done(() => handlers.onReact!(emoji))}>
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** The reactions under a message: each a toggle showing its count, and who reacted in its name and tooltip. */
export function Reactions({ message, onToggle }: { message: ChatMessage; onToggle?: (emoji: string, add: boolean) => void }) {
  const reactions = message.reactions ?? [];
  if (reactions.length === 0 || message.deletedAt) return null;
  return (
    <div className="reactions">
      {reactions.map((r) => {
        const who = reactedBy(r);
        return (
          <button
            key={r.emoji}
            type="button"
            className={`reaction${r.me ? ' mine' : ''}`}
            aria-pressed={r.me}
            aria-label={`${r.emoji} ${r.count}: ${who}`}
            title={who}
            disabled={!onToggle}
            onClick={() => onToggle?.(r.emoji, !r.me)}
          >
            <span aria-hidden="true">{r.emoji}</span> {r.count}
          </button>
        );
      })}
    </div>
  );
}

/** Who reacted, in words: the names the server listed, else "you" and a count (a page of messages lists no names). */
export function reactedBy(r: Reaction): string {
  if (r.usernames.length) {
    return r.usernames.join(', ') + (r.count > r.usernames.length ? ` and ${r.count - r.usernames.length} more` : '');
  }
  const others = r.count - (r.me ? 1 : 0);
  const people = `${others} ${others === 1 ? 'person' : 'people'}`;
  if (!r.me) return people;
  return others === 0 ? 'you' : `you and ${people}`;
}
