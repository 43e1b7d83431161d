import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { firstUnreadSeq } from '../chat/selectors';
import { emptyMessages } from '../chat/state';
import { describeError } from '../logic/errors';
import { lastEditable, withPendingChanges } from '../logic/pendingChanges';
import { buildTimeline } from '../logic/timeline';
import type { ChatMessage } from '../logic/types';
import { convoTitle } from '../logic/titles';
import { Composer } from './Composer';
import { AddPeopleDialog } from './Dialogs';
import { messageLink, useChat, useEngine, useMe, useOutbox } from './hooks';
import { MembersDialog } from './MembersDialog';
import { Modal } from './Modal';
import { MessageItem, PendingItem } from './MessageItem';
import { useSeenMessages } from './useSeenMessages';

/** How close to the bottom (px) still counts as "reading the newest", for sticking to the bottom. */
const BOTTOM_SLACK = 48;
const TOP_LOAD_ZONE = 200;

export function ConvoView({ conversationId, messageId, onBack }: { conversationId: string; messageId?: string | null; onBack: () => void }) {
  const engine = useEngine();
  const me = useMe();
  const convo = useChat((s) => s.convos[conversationId]);
  const gone = useChat((s) => s.gone[conversationId]);
  const muted = useChat((s) => !!s.muted[conversationId]);
  const { messages, olderToken, loaded } = useChat((s) => s.messages[conversationId] ?? emptyMessages);
  const outbox = useOutbox();
  const changeStream = useChat((s) => s.changeStream);
  const typists = useChat((s) => s.typing[conversationId]);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [deleting, setDeleting] = useState<ChatMessage | null>(null);
  const [membersOpen, setMembersOpen] = useState(false);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [status, setStatus] = useState('');
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
    engine.openConversation(conversationId).catch((e: unknown) => {
      if (!cancelled) setLoadError(describeError('load the messages', e));
    });
    return () => {
      cancelled = true;
      engine.closeConversation(conversationId);
    };
  }, [engine, conversationId, changeStream]);

  /** Scrolls to a message (a reply's original, a message link) and marks it for a moment. */
  const jumpTo = useCallback((id: string) => {
    const el = document.getElementById(`message-${id}`);
    if (!el) {
      setStatus('That message is further back: scroll up to load it.');
      return;
    }
    el.scrollIntoView({ block: 'center' });
    setHighlighted(id);
    setTimeout(() => setHighlighted((h) => (h === id ? null : h)), 2000);
  }, []);

  useEffect(() => {
    if (messageId && loaded) jumpTo(messageId);
  }, [messageId, loaded, jumpTo]);

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
    if (replyTo) void engine.sendReply(conversationId, text, replyTo.id);
    else void engine.sendText(conversationId, text);
    setReplyTo(null);
  };

  const canModerate = convo?.myRole === 'OWNER' || convo?.myRole === 'ADMIN';

  const copyLink = async (id: string) => {
    try {
      await navigator.clipboard.writeText(messageLink(conversationId, id));
      setStatus('Link copied.');
    } catch {
      setStatus(`Copy this link: ${messageLink(conversationId, id)}`);
    }
  };

  const typingNames = Object.values(typists ?? {}).map((t) => t.username);
  const typingText =
    typingNames.length === 0 ? '' : typingNames.length === 1 ? `${typingNames[0]} is typing…` : typingNames.length === 2 ? `${typingNames[0]} and ${typingNames[1]} are typing…` : 'Several people are typing…';

  if (gone) {
    return (
      <section className="convo" aria-label="Conversation">
        <header className="convo-header">
          <button type="button" className="button ghost back" onClick={onBack} aria-label="Back to conversations">
            ‹
          </button>
          <div className="convo-header-text">
            <h2 className="convo-title">{gone === 'missing' ? 'Conversation not found' : 'You are no longer in this conversation'}</h2>
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
        {changeStream ? (
          <button type="button" className="button" onClick={() => setMembersOpen(true)} disabled={!convo}>
            Members
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setAdding(true)} disabled={!convo}>
            Add people
          </button>
        )}
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
                case 'message': {
                  const shown = withPendingChanges(entry.message, outbox, me.username);
                  const own = entry.message.authorId === me.id;
                  return (
                    <MessageItem
                      key={entry.key}
                      message={shown}
                      continued={entry.continued}
                      me={me.username}
                      own={own}
                      itemRef={refFor(entry.message.seq)}
                      actions={{
                        onCopyLink: () => void copyLink(entry.message.id),
                        ...(changeStream
                          ? {
                              onReply: () => setReplyTo(shown),
                              onReact: (emoji: string) => void engine.change('react', shown, { emoji }),
                              ...(own ? { onEdit: () => setEditingId(entry.message.id) } : {}),
                              ...(own || canModerate ? { onDelete: () => setDeleting(shown) } : {}),
                            }
                          : {}),
                      }}
                      onToggleReaction={changeStream ? (emoji, add) => void engine.change(add ? 'react' : 'unreact', shown, { emoji }) : undefined}
                      editing={editingId === entry.message.id}
                      onSaveEdit={(content) => {
                        setEditingId(null);
                        if (content !== shown.content) void engine.change('edit', shown, { content });
                      }}
                      onCancelEdit={() => setEditingId(null)}
                      onJump={jumpTo}
                      highlighted={highlighted === entry.message.id}
                    />
                  );
                }
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

      <p className="typing" aria-live="polite">
        {typingText}
      </p>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {status && !status.startsWith('Link copied') && <p className="status-line">{status}</p>}
      <Composer
        key={conversationId}
        mentionable={convo?.members.filter((m) => m.toLowerCase() !== me.username.toLowerCase())}
        onTyping={(typing) => engine.setTyping(conversationId, typing)}
        onEditLast={
          changeStream
            ? () => {
                const last = lastEditable(messages, me.id);
                if (last) setEditingId(last.id);
              }
            : undefined
        }
        above={
          replyTo ? (
            <div className="replying">
              <span>
                Replying to <strong>{replyTo.authorName ?? 'Someone'}</strong>: {replyTo.content.slice(0, 80)}
              </span>
              <button type="button" className="link" onClick={() => setReplyTo(null)}>
                Cancel reply
              </button>
            </div>
          ) : undefined
        }
        initial={engine.drafts.get(conversationId)}
        onDraft={(text) => engine.drafts.set(conversationId, text)}
        onSend={send}
        disabled={!convo}
        disabledReason="Loading the conversation…"
      />
      {deleting && (
        <Modal title="Delete message?" onClose={() => setDeleting(null)}>
          <div className="modal-body">
            <p>It will show as “This message was deleted” for everyone. This cannot be undone.</p>
            <footer className="modal-footer">
              <button type="button" className="button" onClick={() => setDeleting(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="button danger-fill"
                onClick={() => {
                  void engine.change('delete', deleting);
                  setDeleting(null);
                }}
              >
                Delete
              </button>
            </footer>
          </div>
        </Modal>
      )}
      {membersOpen && convo && (
        <MembersDialog
          convo={convo}
          onClose={() => setMembersOpen(false)}
          onAdd={() => {
            setMembersOpen(false);
            setAdding(true);
          }}
          onLeft={() => {
            setMembersOpen(false);
            onBack();
          }}
        />
      )}
      {adding && convo && <AddPeopleDialog conversationId={conversationId} members={convo.members} onClose={() => setAdding(false)} />}
    </section>
  );
}

