import { memo, useRef, useState } from 'react';
import { avatarColor, initials } from '../logic/avatar';
import type { OutboxItem } from '../logic/outbox';
import type { ChatMessage } from '../logic/types';
import { gutterTime, messageTime } from './format';
import { Composer } from './Composer';
import { Markdown } from './Markdown';
import { MessageActions, Reactions, type MessageActionHandlers } from './MessageActions';

export function Avatar({ userId, name }: { userId: string | null; name: string | null }) {
  return (
    <span className="avatar" style={{ background: avatarColor(userId ?? name) }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

/** The first message of a block shows who and when; the rest of the block only the text (time on hover). */
function Gutter({ continued, userId, name, at }: { continued: boolean; userId: string | null; name: string | null; at: string }) {
  if (continued) {
    return (
      <time className="gutter-time" dateTime={at}>
        {gutterTime(at)}
      </time>
    );
  }
  return <Avatar userId={userId} name={name} />;
}

export interface MessageItemProps {
  message: ChatMessage & { pending?: boolean };
  continued: boolean;
  me: string;
  own: boolean;
  /** Lets the timeline see when the message is on screen (read marks). */
  itemRef?: (el: HTMLLIElement | null) => void;
  actions?: MessageActionHandlers;
  onToggleReaction?: (emoji: string, add: boolean) => void;
  editing?: boolean;
  onSaveEdit?: (content: string) => void;
  onCancelEdit?: () => void;
  /** Jumps to another message (a reply's original). */
  onJump?: (messageId: string) => void;
  highlighted?: boolean;
}

const LONG_PRESS_MS = 500;

export const MessageItem = memo(function MessageItem({
  message,
  continued,
  me,
  own,
  itemRef,
  actions,
  onToggleReaction,
  editing,
  onSaveEdit,
  onCancelEdit,
  onJump,
  highlighted,
}: MessageItemProps) {
  const deleted = !!message.deletedAt;
  const [showActions, setShowActions] = useState(false);
  const press = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A long press on a phone opens the actions (the desktop shows them on hover and focus).
  const touch = {
    onTouchStart: () => {
      press.current = setTimeout(() => setShowActions(true), LONG_PRESS_MS);
    },
    onTouchEnd: () => clearTimeout(press.current),
    onTouchMove: () => clearTimeout(press.current),
    onContextMenu: (e: React.MouseEvent) => {
      if (!actions) return;
      e.preventDefault();
      setShowActions(true);
    },
  };
  return (
    <li
      ref={itemRef}
      id={`message-${message.id}`}
      className={`message${own ? ' own' : ''}${continued ? ' continued' : ''}${message.mentionsMe ? ' mentions-me' : ''}${showActions ? ' actions-open' : ''}${highlighted ? ' highlighted' : ''}`}
      data-testid="message"
      data-id={message.id}
      data-seq={message.seq}
      aria-label={continued ? undefined : `${message.authorName ?? 'Someone'} at ${messageTime(message.createdAt)}`}
      {...touch}
    >
      <Gutter continued={continued} userId={message.authorId} name={message.authorName} at={message.createdAt} />
      <div className="message-body">
        {!continued && (
          <p className="message-head">
            <span className="author">{message.authorName ?? 'Someone'}</span>{' '}
            <time className="message-time" dateTime={message.createdAt}>
              {messageTime(message.createdAt)}
            </time>
          </p>
        )}
        {message.replyTo && !deleted && (
          <button type="button" className="reply-quote" onClick={() => onJump?.(message.replyTo!.id)}>
            <span className="reply-author">{message.replyTo.authorName ?? 'Someone'}</span>{' '}
            <span className="reply-text">{message.replyTo.deleted ? 'This message was deleted' : message.replyTo.content}</span>
          </button>
        )}
        {deleted ? (
          <p className="content deleted">This message was deleted</p>
        ) : editing && onSaveEdit && onCancelEdit ? (
          <Composer
            initial={message.content}
            label="Edit message"
            submitLabel="Save"
            onSend={onSaveEdit}
            onCancel={onCancelEdit}
            autoFocus
          />
        ) : (
          <div className="content">
            <Markdown text={message.content} me={me} />
            {message.editedAt && (
              <span className="edited" title={`Edited ${new Date(message.editedAt).toLocaleString()}`}>
                (edited)
              </span>
            )}
            {message.pending && <span className="edited"> saving…</span>}
          </div>
        )}
        <Reactions message={message} onToggle={onToggleReaction} />
      </div>
      {actions && !editing && <MessageActions message={message} handlers={actions} onDone={() => setShowActions(false)} />}
    </li>
  );
});

export function PendingItem({
  item,
  continued,
  me,
  myId,
  errorText,
  onRetry,
  onDiscard,
}: {
  item: OutboxItem;
  continued: boolean;
  me: string;
  myId: string;
  errorText: string | null;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  return (
    <li className={`message own pending ${item.state}${continued ? ' continued' : ''}`} data-testid="message" data-id={item.id}>
      <Gutter continued={continued} userId={myId} name={me} at={item.createdAt} />
      <div className="message-body">
        {!continued && (
          <p className="message-head">
            <span className="author">{me}</span>
          </p>
        )}
        <div className="content">
          <Markdown text={item.content} me={me} />
        </div>
        <p className="meta">
          {item.state === 'failed' ? (
            <span className="failed" role="alert">
              {errorText}{' '}
              <button type="button" className="link" onClick={onRetry}>
                Retry
              </button>{' '}
              <button type="button" className="link" onClick={onDiscard}>
                Discard
              </button>
            </span>
          ) : (
            <span>{navigator.onLine ? 'Sending…' : 'Waiting for connection'}</span>
          )}
        </p>
      </div>
    </li>
  );
}
