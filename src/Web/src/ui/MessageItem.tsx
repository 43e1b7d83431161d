import { memo } from 'react';
import { avatarColor, initials } from '../logic/avatar';
import type { OutboxItem } from '../logic/outbox';
import type { ChatMessage } from '../logic/types';
import { messageTime } from './format';
import { Markdown } from './Markdown';

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
        {messageTime(at)}
      </time>
    );
  }
  return <Avatar userId={userId} name={name} />;
}

export const MessageItem = memo(function MessageItem({
  message,
  continued,
  me,
  own,
  itemRef,
}: {
  message: ChatMessage;
  continued: boolean;
  me: string;
  own: boolean;
  /** Lets the timeline see when the message is on screen (read marks). */
  itemRef?: (el: HTMLLIElement | null) => void;
}) {
  const deleted = !!message.deletedAt;
  return (
    <li
      ref={itemRef}
      className={`message${own ? ' own' : ''}${continued ? ' continued' : ''}${message.mentionsMe ? ' mentions-me' : ''}`}
      data-testid="message"
      data-id={message.id}
      data-seq={message.seq}
      aria-label={continued ? undefined : `${message.authorName ?? 'Someone'} at ${messageTime(message.createdAt)}`}
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
        {deleted ? (
          <p className="content deleted">This message was deleted</p>
        ) : (
          <div className="content">
            <Markdown text={message.content} me={me} />
            {message.editedAt && (
              <span className="edited" title={`Edited ${new Date(message.editedAt).toLocaleString()}`}>
                (edited)
              </span>
            )}
          </div>
        )}
      </div>
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
