import { useMemo, useState } from 'react';
import { sortedConvos } from '../chat/selectors';
import { describeError } from '../logic/errors';
import { convoTitle } from '../logic/titles';
import { listTime } from './format';
import { useChat, useEngine, useMe } from './hooks';

/** The caller's conversations, most recent activity first, with unread and mention badges; live through the engine. */
export function ConvoList({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const engine = useEngine();
  const me = useMe();
  const convosById = useChat((s) => s.convos);
  const list = useChat((s) => s.list);
  const muted = useChat((s) => s.muted);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const convos = useMemo(() => sortedConvos(convosById), [convosById]);

  const retry = async () => {
    setError(null);
    if (!(await engine.loadConvos('first'))) setError(describeError('load the conversations', 'NETWORK'));
  };
  const loadMore = async () => {
    setLoadingMore(true);
    if (!(await engine.loadConvos('older'))) setError(describeError('load the conversations', 'NETWORK'));
    setLoadingMore(false);
  };

  if (!list.loaded) {
    return (
      <div className="empty">
        {error || list.failed ? (
          <>
            <p role="alert">{error ?? describeError('load the conversations', 'NETWORK')}</p>
            <button className="button" onClick={() => void retry()}>
              Try again
            </button>
          </>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
    );
  }
  if (convos.length === 0) return <div className="empty muted">No conversations yet. Start one with “New”.</div>;

  return (
    <ul className="convo-list" aria-label="Conversations">
      {convos.map((c) => {
        const last = c.lastMessage;
        const author = last?.authorName;
        const preview = last ? `${author === me.username ? 'You' : (author ?? '')}: ${last.content || 'This message was deleted'}` : 'No messages yet';
        const isMuted = !!muted[c.id];
        const title = convoTitle(c, me.username);
        const unread = c.unreadCount > 0 ? `, ${c.unreadCount} unread` : '';
        const mentioned = c.unreadMentionCount > 0 ? `, ${c.unreadMentionCount} ${c.unreadMentionCount === 1 ? 'mention' : 'mentions'}` : '';
        return (
          <li key={c.id}>
            <button
              type="button"
              className={`convo-item${c.id === selected ? ' selected' : ''}${c.unreadCount > 0 ? ' has-unread' : ''}`}
              aria-current={c.id === selected ? 'true' : undefined}
              aria-label={`${title}${unread}${mentioned}${isMuted ? ', muted' : ''}`}
              onClick={() => onSelect(c.id)}
              data-testid="convo-item"
            >
              <span className="convo-item-top">
                <span className="convo-name">{title}</span>
                <time className="convo-time" dateTime={c.lastActivityAt ?? undefined}>
                  {listTime(c.lastActivityAt)}
                </time>
              </span>
              <span className="convo-item-bottom">
                <span className="convo-preview">{preview}</span>
                {isMuted && <span className="muted-mark" aria-hidden="true" title="Muted">🔕</span>}
                {c.unreadMentionCount > 0 && (
                  <span className="badge mention-badge" aria-hidden="true">
                    @{c.unreadMentionCount > 9 ? '9+' : c.unreadMentionCount}
                  </span>
                )}
                {c.unreadCount > 0 && (
                  <span className={`badge${isMuted ? ' quiet' : ''}`} aria-hidden="true" data-testid="unread-badge">
                    {c.unreadCount > 99 ? '99+' : c.unreadCount}
                  </span>
                )}
              </span>
            </button>
          </li>
        );
      })}
      {list.nextToken && (
        <li className="convo-more">
          <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore} data-testid="more-convos">
            Show older conversations
          </button>
        </li>
      )}
      {error && (
        <li className="convo-more error" role="alert">
          {error}
        </li>
      )}
    </ul>
  );
}
