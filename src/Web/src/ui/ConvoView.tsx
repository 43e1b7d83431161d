import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { ConvoQuery } from '../api/operations';
import { buildTimeline, type TimelineEntry } from '../logic/timeline';
import { Composer } from './Composer';
import { convoTitle } from './ConvoList';
import { AddPeopleDialog } from './Dialogs';
import { messageTime } from './format';
import { useConversationMessages, useEngine, useMe, useOutbox } from './hooks';

/** How close to the bottom (px) still counts as "reading the newest", for sticking and marking read. */
const BOTTOM_SLACK = 48;
const TOP_LOAD_ZONE = 200;

export function ConvoView({ conversationId, onBack }: { conversationId: string; onBack: () => void }) {
  const engine = useEngine();
  const me = useMe();
  const [{ data }] = useQuery({ query: ConvoQuery, variables: { id: conversationId } });
  const convo = data?.getConvo;
  const { messages, olderToken, loaded } = useConversationMessages(conversationId);
  const outbox = useOutbox();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [adding, setAdding] = useState(false);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Distance from the bottom before older messages were added above, to restore after they render.
  const restoreFromBottom = useRef<number | null>(null);

  useEffect(() => {
    atBottom.current = true;
    setLoadError(null);
    engine.loadLatest(conversationId).catch((e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, [engine, conversationId]);

  const entries = useMemo(() => buildTimeline(conversationId, messages, outbox), [conversationId, messages, outbox]);
  const lastSeq = messages.length ? messages[messages.length - 1]!.seq : 0;

  const markReadIfSeen = useCallback(() => {
    if (atBottom.current && document.visibilityState === 'visible' && lastSeq > 0) engine.markRead(conversationId, lastSeq);
  }, [engine, conversationId, lastSeq]);

  // Runs before paint: keep the reader where they were (older page added above) or at the bottom (new message).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (restoreFromBottom.current != null) {
      el.scrollTop = el.scrollHeight - restoreFromBottom.current;
      restoreFromBottom.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    markReadIfSeen();
  }, [entries, markReadIfSeen]);

  useEffect(() => {
    document.addEventListener('visibilitychange', markReadIfSeen);
    return () => document.removeEventListener('visibilitychange', markReadIfSeen);
  }, [markReadIfSeen]);

  const loadOlder = useCallback(async () => {
    const el = scroller.current;
    if (!el || !olderToken || loadingOlder) return;
    setLoadingOlder(true);
    restoreFromBottom.current = el.scrollHeight - el.scrollTop;
    try {
      await engine.loadOlder(conversationId);
    } catch {
      restoreFromBottom.current = null;
    } finally {
      setLoadingOlder(false);
    }
  }, [engine, conversationId, olderToken, loadingOlder]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    if (el.scrollTop < TOP_LOAD_ZONE) void loadOlder();
    markReadIfSeen();
  };

  // A short first page may not fill the screen, so no scroll event would ever ask for more.
  useEffect(() => {
    const el = scroller.current;
    if (el && loaded && olderToken && el.scrollHeight <= el.clientHeight) void loadOlder();
  }, [loaded, olderToken, loadOlder, entries]);

  const send = (text: string) => {
    atBottom.current = true;
    void engine.sendText(conversationId, text);
  };

  return (
    <section className="convo" aria-label="Conversation">
      <header className="convo-header">
        <button type="button" className="button ghost back" onClick={onBack} aria-label="Back to conversations">
          ‹
        </button>
        <div className="convo-header-text">
          <h2 className="convo-title">{convo ? convoTitle(convo, me.username) : ' '}</h2>
          <p className="convo-members muted">{convo ? convo.members.join(', ') : ' '}</p>
        </div>
        <button type="button" className="button" onClick={() => setAdding(true)} disabled={!convo}>
          Add people
        </button>
      </header>

      <div className="timeline" ref={scroller} onScroll={onScroll} role="log" aria-live="polite" aria-relevant="additions" data-testid="timeline">
        <div className="timeline-top">
          {loadingOlder ? 'Loading earlier messages…' : loaded && !olderToken ? 'This is the beginning of the conversation.' : ' '}
        </div>
        {loadError && !loaded && (
          <p className="error" role="alert">
            Could not load messages: {loadError}
          </p>
        )}
        <ol className="messages">
          {entries.map((entry, i) => (
            <Entry key={entry.key} entry={entry} previous={entries[i - 1]} me={me.id} />
          ))}
        </ol>
      </div>

      <Composer onSend={send} />
      {adding && convo && <AddPeopleDialog conversationId={conversationId} members={convo.members} onClose={() => setAdding(false)} />}
    </section>
  );
}

function authorOf(entry: TimelineEntry | undefined): string | null {
  if (!entry) return null;
  if (entry.kind === 'message') return entry.message.authorId;
  if (entry.kind === 'pending') return 'me';
  return null;
}

function Entry({ entry, previous, me }: { entry: TimelineEntry; previous: TimelineEntry | undefined; me: string }) {
  const engine = useEngine();
  if (entry.kind === 'day') {
    return (
      <li className="day" role="separator">
        <span>{entry.label}</span>
      </li>
    );
  }
  if (entry.kind === 'pending') {
    const { item } = entry;
    const continued = authorOf(previous) === 'me' || authorOf(previous) === me;
    return (
      <li className={`message own pending ${item.state}${continued ? ' continued' : ''}`} data-testid="message" data-id={item.id}>
        <div className="bubble">
          <p className="content">{item.content}</p>
          <p className="meta">
            {item.state === 'failed' ? (
              <span className="failed" role="alert">
                Not sent: {item.error}{' '}
                <button type="button" className="link" onClick={() => void engine.outbox.retry(item.id)}>
                  Retry
                </button>{' '}
                <button type="button" className="link" onClick={() => void engine.outbox.discard(item.id)}>
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
  const { message } = entry;
  const own = message.authorId === me;
  const prevAuthor = authorOf(previous);
  const continued = prevAuthor != null && (prevAuthor === message.authorId || (own && prevAuthor === 'me'));
  return (
    <li className={`message${own ? ' own' : ''}${continued ? ' continued' : ''}`} data-testid="message" data-id={message.id} data-seq={message.seq}>
      <div className="bubble">
        {!own && !continued && <p className="author">{message.authorName ?? 'Someone'}</p>}
        <p className="content">{message.content}</p>
        <p className="meta">
          <time dateTime={message.createdAt}>{messageTime(message.createdAt)}</time>
        </p>
      </div>
    </li>
  );
}
