import { useEffect, useMemo, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { CONVO_PAGE_SIZE } from '../api/client';
import { MyConvosQuery } from '../api/operations';
import type { ConvoSummaryFragment, MyConvosQuery as MyConvosData } from '../gql/graphql';
import { listTime } from './format';
import { useMe } from './hooks';

export function convoTitle(convo: Pick<ConvoSummaryFragment, 'name' | 'members'>, me: string): string {
  if (convo.name.trim()) return convo.name;
  return convo.members.filter((m) => m !== me).join(', ') || me;
}

/** The caller's conversations, most recent activity first; kept live by the onInbox subscription through the cache. */
export function ConvoList({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const me = useMe();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MyConvosQuery, variables: { limit: CONVO_PAGE_SIZE } });
  const { pages, more, loadMore } = useOlderPages(data?.myConvos.nextToken ?? null);

  const convos = useMemo(() => {
    // Pages overlap when activity moves a conversation up between loads: keep one of each.
    const byId = new Map<string, ConvoSummaryFragment>();
    for (const page of [data?.myConvos, ...pages]) {
      for (const c of page?.items ?? []) if (c && !byId.has(c.id)) byId.set(c.id, c);
    }
    // The server orders by activity; live updates change activity in place, so order again here.
    return [...byId.values()].sort((a, b) => (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? ''));
  }, [data, pages]);

  if (error && !data) {
    return (
      <div className="empty">
        <p>Could not load conversations.</p>
        <button className="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          Try again
        </button>
      </div>
    );
  }
  if (fetching && !data) return <div className="empty muted">Loading…</div>;
  if (convos.length === 0) return <div className="empty muted">No conversations yet. Start one with “New”.</div>;

  return (
    <ul className="convo-list" aria-label="Conversations">
      {convos.map((c) => {
        const last = c.lastMessage;
        const author = last?.author?.username;
        const preview = last ? `${author === me.username ? 'You' : (author ?? '')}: ${last.content}` : 'No messages yet';
        return (
          <li key={c.id}>
            <button
              type="button"
              className={`convo-item${c.id === selected ? ' selected' : ''}`}
              aria-current={c.id === selected ? 'true' : undefined}
              onClick={() => onSelect(c.id)}
              data-testid="convo-item"
            >
              <span className="convo-item-top">
                <span className="convo-name">{convoTitle(c, me.username)}</span>
                <time className="convo-time" dateTime={c.lastActivityAt ?? undefined}>
                  {listTime(c.lastActivityAt)}
                </time>
              </span>
              <span className="convo-item-bottom">
                <span className="convo-preview">{preview}</span>
                {/* The open conversation is being read: its count is about to be marked, so don't flash it. */}
                {c.unreadCount > 0 && c.id !== selected && (
                  <span className="badge" aria-label={`${c.unreadCount} unread`}>
                    {c.unreadCount > 99 ? '99+' : c.unreadCount}
                  </span>
                )}
              </span>
            </button>
          </li>
        );
      })}
      {more && (
        <li className="convo-more">
          <button type="button" className="button" onClick={loadMore} data-testid="more-convos">
            Show older conversations
          </button>
        </li>
      )}
    </ul>
  );
}

type ConvoPage = MyConvosData['myConvos'];

/**
 * Older pages of the list by cursor. Each page stays subscribed to the cache (urql re-delivers a query's result
 * when Graphcache updates an entity in it), so previews and unread counts stay live on every page.
 */
function useOlderPages(firstNextToken: string | null) {
  const client = useClient();
  const [tokens, setTokens] = useState<string[]>([]);
  const [pages, setPages] = useState<Record<string, ConvoPage>>({});

  useEffect(() => {
    const subscriptions = tokens.map((token) =>
      client.query(MyConvosQuery, { limit: CONVO_PAGE_SIZE, nextToken: token }).subscribe((result) => {
        const page = result.data?.myConvos;
        if (page) setPages((current) => ({ ...current, [token]: page }));
      }),
    );
    return () => subscriptions.forEach((s) => s.unsubscribe());
  }, [client, tokens]);

  const lastToken = tokens.length === 0 ? firstNextToken : (pages[tokens[tokens.length - 1]!]?.nextToken ?? null);
  const waiting = tokens.length > 0 && !pages[tokens[tokens.length - 1]!];
  return {
    pages: tokens.map((t) => pages[t]).filter((p): p is ConvoPage => p != null),
    more: lastToken != null && !waiting,
    loadMore: () => {
      if (lastToken && !tokens.includes(lastToken)) setTokens([...tokens, lastToken]);
    },
  };
}
