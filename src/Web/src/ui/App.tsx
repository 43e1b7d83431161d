import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { signIn, type Session } from '../api/auth';
import { MeQuery } from '../api/operations';
import { tabTitle, totalUnread } from '../chat/selectors';
import { describeError } from '../logic/errors';
import { ConvoList } from './ConvoList';
import { ConvoView } from './ConvoView';
import { NewConversationDialog } from './Dialogs';
import { MeContext, useChat, useConnectionState, useEngine, useRoute } from './hooks';
import { AccountMenu } from './AccountMenu';
import { QuickSwitcher } from './QuickSwitcher';
import { UsernameDialog, UsernameForm } from './UsernameForm';

const usernameChosenKey = (userId: string) => `chatt.usernameChosen.${userId}`;

export function App({ session }: { session: Session }) {
  const engine = useEngine();
  const [{ data, error, fetching }, refetch] = useQuery({ query: MeQuery });
  const [choosing, setChoosing] = useState(false);
  const me = data?.me;
  if (me) engine.me = me;

  if (!me) {
    return (
      <div className="center">
        {error && !fetching ? (
          <div className="card">
            <p role="alert">{describeError('load the conversations', error)}</p>
            <button className="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
              Try again
            </button>
          </div>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
    );
  }

  const chosen = () => {
    localStorage.setItem(usernameChosenKey(me.id), '1');
    setChoosing(false);
    refetch({ requestPolicy: 'network-only' });
  };

  // The first sign-in picks a username when the identity provider offered no name (the API then made one up).
  if (!session.name && localStorage.getItem(usernameChosenKey(me.id)) == null) {
    return (
      <main className="center">
        <UsernameForm me={me} onDone={chosen} className="card" heading />
      </main>
    );
  }

  return (
    <MeContext.Provider value={me}>
      <Shell onRename={() => setChoosing(true)} />
      {choosing && <UsernameDialog me={me} onDone={chosen} onClose={() => setChoosing(false)} />}
    </MeContext.Provider>
  );
}

const connectionLabels = {
  online: ['Connected', 'Live updates are on.'],
  connecting: ['Connecting…', 'Reconnecting; missed messages are fetched once connected.'],
  offline: ['Offline', 'Messages you send are kept and sent when you are back online.'],
  'signed-out': ['Signed out', 'Your session ended; sign in again.'],
} as const;

function ConnectionBadge() {
  const state = useConnectionState();
  return (
    <span className={`connection ${state}`} role="status" data-testid="connection" data-state={state} title={connectionLabels[state][1]}>
      <span className="dot" aria-hidden="true" />
      <span className="connection-label">{connectionLabels[state][0]}</span>
      <span className="visually-hidden">{connectionLabels[state][1]}</span>
    </span>
  );
}

/** "(3) Chatt": the unread messages of every conversation that is not muted. */
function useTabTitle() {
  const convos = useChat((s) => s.convos);
  const muted = useChat((s) => s.muted);
  const unread = totalUnread({ convos, muted });
  useEffect(() => {
    document.title = tabTitle(unread);
  }, [unread]);
}

function Shell({ onRename }: { onRename: () => void }) {
  const [route, navigate, messageId] = useRoute();
  const [creating, setCreating] = useState(false);
  const [switching, setSwitching] = useState(false);
  const state = useConnectionState();
  useTabTitle();

  // Ctrl/Cmd+K: the quick switcher over conversations, from anywhere in the app.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSwitching(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className={`shell${route ? ' has-convo' : ''}`}>
      <header className="app-header">
        <span className="brand">Chatt</span>
        <ConnectionBadge />
        <button type="button" className="button switcher-button" onClick={() => setSwitching(true)} aria-keyshortcuts="Control+K Meta+K">
          Find a conversation <kbd aria-hidden="true">Ctrl K</kbd>
        </button>
        <AccountMenu onRename={onRename} />
      </header>
      {state === 'signed-out' && (
        <div className="banner" role="alert">
          Your session ended.{' '}
          <button className="link" onClick={() => signIn()}>
            Sign in again
          </button>
        </div>
      )}
      <div className="panes">
        <nav className="sidebar" aria-label="Conversations">
          <div className="sidebar-header">
            <h1>Chats</h1>
            <button type="button" className="button primary" onClick={() => setCreating(true)} data-testid="new-convo">
              New
            </button>
          </div>
          <ConvoList selected={route} onSelect={navigate} />
        </nav>
        <main className="main">
          {route ? (
            <ConvoView key={route} conversationId={route} messageId={messageId} onBack={() => navigate(null)} />
          ) : (
            <div className="empty muted">Pick a conversation, or start a new one.</div>
          )}
        </main>
      </div>
      {creating && (
        <NewConversationDialog
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            navigate(id);
          }}
        />
      )}
      {switching && (
        <QuickSwitcher
          onClose={() => setSwitching(false)}
          onPick={(id) => {
            setSwitching(false);
            navigate(id);
          }}
        />
      )}
    </div>
  );
}

export function SignedOut() {
  return (
    <main className="center">
      <div className="card">
        <h1>Chatt</h1>
        <p className="muted">Sign in to see your conversations.</p>
        <button className="button primary" onClick={() => signIn()} data-testid="sign-in">
          Sign in
        </button>
      </div>
    </main>
  );
}
