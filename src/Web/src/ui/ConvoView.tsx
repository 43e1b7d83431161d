import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { firstUnreadSeq } from '../chat/selectors';
import { emptyMessages } from '../chat/state';
import { describeError } from '../logic/errors';
import { buildTimeline } from '../logic/timeline';
import { convoTitle } from '../logic/titles';
import { Composer } from './Composer';
import { AddPeopleDialog } from './Dialogs';
import { useChat, useEngine, useMe, useOutbox } from './hooks';
import { MessageItem, PendingItem } from './MessageItem';
import { useSeenMessages } from './useSeenMessages';

/** How close to the bottom (px) still counts as "reading the newest", for sticking to the bottom. */
const BOTTOM_SLACK = 48;
const TOP_LOAD_ZONE = 200;

export function ConvoView({ conversationId, onBack }: { conversationId: string; onBack: () => void }) {
  const engine = useEngine();
  const me = useMe();
  const convo = useChat((s) => s.convos[conversationId]);
  const gone = useChat((s) => s.gone[conversationId]);
  const muted = useChat((s) => !!s.muted[conversationId]);
  const { messages, olderToken, loaded } = useChat((s) => s.messages[conversationId] ?? emptyMessages);
  const outbox = useOutbox();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [adding, setAdding] = useState(false);
  // Where the unread part began when the conversation was opened: the divider stays there while it is open.
  const [firstUnread, setFirstUnread] = useState<number | null | undefined>(undefined);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const [newBelow, setNewBelow] = useState(0);
  const lastSeqSeen = useRef(0);
  const positioned = useRef(false);
  // Distance from the bottom before older messages were added above, to restore after they render.
  const restoreFromBottom = useRef<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoadError(null);
    (async () => {
      try {
        // The summary first (current members, unread count), so the first read reaches the first unread message.
        await engine.loadConvo(conversationId);
        if (cancelled || engine.store.get().gone[conversationId]) return;
        await engine.loadLatest(conversationId);
      } catch (e) {
        if (!cancelled) setLoadError(describeError('load the messages', e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [engine, conversationId]);

  useEffect(() => {
    if (firstUnread === undefined && convo && loaded) setFirstUnread(firstUnreadSeq(convo));
  }, [convo, loaded, firstUnread]);

  const entries = useMemo(
    () => buildTimeline(conversationId, messages, outbox, { firstUnreadSeq: firstUnread ?? null, myId: me.id }),
    [conversationId, messages, outbox, firstUnread, me.id],
  );
  const lastSeq = messages.length ? messages[messages.length - 1]!.seq : 0;

  const refFor = useSeenMessages(scroller, (seq) => engine.markRead(conversationId, seq));

  // Runs before paint: keep the reader where they were (older page added above), at the first unread (on open),
  // or at the bottom (a new message while reading the newest).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !loaded || firstUnread === undefined) return;
    if (!positioned.current) {
      positioned.current = true;
      const divider = el.querySelector('[data-unread-divider]');
      if (divider instanceof HTMLElement) {
        el.scrollTop = Math.max(0, divider.offsetTop - el.offsetTop - 8);
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
      } else {
        el.scrollTop = el.scrollHeight;
        atBottom.current = true;
      }
      lastSeqSeen.current = lastSeq;
      setShowJump(!atBottom.current);
      return;
    }
    if (restoreFromBottom.current != null) {
      el.scrollTop = el.scrollHeight - restoreFromBottom.current;
      restoreFromBottom.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    } else if (lastSeq > lastSeqSeen.current) {
      // New messages arrived while the reader is further up: don't move them, offer the way down.
      setNewBelow((n) => n + (lastSeq - lastSeqSeen.current));
      setShowJump(true);
    }
    lastSeqSeen.current = lastSeq;
  }, [entries, loaded, firstUnread, lastSeq]);

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
    if (atBottom.current) {
      setShowJump(false);
      setNewBelow(0);
    } else if (el.scrollHeight - el.scrollTop - el.clientHeight > el.clientHeight) {
      setShowJump(true);
    }
    if (el.scrollTop < TOP_LOAD_ZONE) void loadOlder();
  };

  const jumpToLatest = () => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setShowJump(false);
    setNewBelow(0);
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

  if (gone) {
    return (
      <section className="convo" aria-label="Conversation">
        <header className="convo-header">
          <button type="button" className="button ghost back" onClick={onBack} aria-label="Back to conversations">
            ‹
          </button>
          <div className="convo-header-text">
            <h2 className="convo-title">{gone === 'missing' ? 'Conversation not found' : 'You left this conversation'}</h2>
          </div>
        </header>
        <div className="timeline not-found">
          <p role="alert">
            {gone === 'missing'
              ? 'This conversation does not exist, or you are not a member of it.'
              : 'You are no longer a member of this conversation, so its messages are not shown.'}
          </p>
          <button type="button" className="button" onClick={onBack}>
            Back to conversations
          </button>
        </div>
        <Composer key="gone" onSend={() => {}} disabled disabledReason="You cannot write here" />
      </section>
    );
  }

  const title = convo ? convoTitle(convo, me.username) : ' ';
  return (
    <section className="convo" aria-label={convo ? `Conversation ${title}` : 'Conversation'}>
      <header className="convo-header">
        <button type="button" className="button ghost back" onClick={onBack} aria-label="Back to conversations">
          ‹
        </button>
        <div className="convo-header-text">
          <h2 className="convo-title">{title}</h2>
          <p className="convo-members muted">{convo ? convo.members.join(', ') : ' '}</p>
        </div>
        <button
          type="button"
          className="button"
          aria-pressed={muted}
          onClick={() => engine.setMuted(conversationId, !muted)}
          disabled={!convo}
          title={muted ? 'Notifications are off for this conversation' : 'Turn off notifications for this conversation'}
        >
          {muted ? 'Muted' : 'Mute'}
        </button>
        <button type="button" className="button" onClick={() => setAdding(true)} disabled={!convo}>
          Add people
        </button>
      </header>

      <div className="timeline-wrap">
        <div className="timeline" ref={scroller} onScroll={onScroll} role="log" aria-live="polite" aria-relevant="additions" data-testid="timeline">
          <div className="timeline-top">
            {loadingOlder ? 'Loading earlier messages…' : loaded && !olderToken ? 'This is the beginning of the conversation.' : ' '}
          </div>
          {loadError && !loaded && (
            <p className="error" role="alert">
              {loadError}
            </p>
          )}
          <ol className="messages">
            {entries.map((entry) => {
              switch (entry.kind) {
                case 'day':
                  return (
                    <li key={entry.key} className="day" role="separator" aria-label={entry.label}>
                      <span>{entry.label}</span>
                    </li>
                  );
                case 'unread':
                  return (
                    <li key={entry.key} className="unread-divider" role="separator" aria-label="New messages" data-unread-divider>
                      <span>New messages</span>
                    </li>
                  );
                case 'pending':
                  return (
                    <PendingItem
                      key={entry.key}
                      item={entry.item}
                      continued={entry.continued}
                      me={me.username}
                      myId={me.id}
                      errorText={entry.item.error ? describeError('send the message', entry.item.error) : null}
                      onRetry={() => void engine.outbox.retry(entry.item.id)}
                      onDiscard={() => void engine.outbox.discard(entry.item.id)}
                    />
                  );
                case 'message':
                  return (
                    <MessageItem
                      key={entry.key}
                      message={entry.message}
                      continued={entry.continued}
                      me={me.username}
                      own={entry.message.authorId === me.id}
                      itemRef={refFor(entry.message.seq)}
                    />
                  );
              }
            })}
          </ol>
        </div>
        {showJump && (
          <button type="button" className="button jump" onClick={jumpToLatest}>
            {newBelow > 0 ? `Jump to latest (${newBelow} new)` : 'Jump to latest'}
          </button>
        )}
      </div>

      <Composer
        key={conversationId}
        initial={engine.drafts.get(conversationId)}
        onDraft={(text) => engine.drafts.set(conversationId, text)}
        onSend={send}
        disabled={!convo}
        disabledReason="Loading the conversation…"
      />
      {adding && convo && <AddPeopleDialog conversationId={conversationId} members={convo.members} onClose={() => setAdding(false)} />}
    </section>
  );
}

