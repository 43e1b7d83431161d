import { useEffect, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { signIn, signOut, type Session } from '../api/auth';
import { InboxSubscription, MeQuery, SetUsernameMutation } from '../api/operations';
import { ConvoList } from './ConvoList';
import { ConvoView } from './ConvoView';
import { NewConversationDialog } from './Dialogs';
import { MeContext, useConnectionState, useEngine, useRoute, type Me } from './hooks';

const usernameChosenKey = (userId: string) => `chatt.usernameChosen.${userId}`;

export function App({ session }: { session: Session }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: MeQuery });
  const [choosing, setChoosing] = useState(false);
  const me = data?.me;

  if (!me) {
    return (
      <div className="center">
        {error && !fetching ? (
          <>
            <p>Could not reach Chatt: {error.message}</p>
            <button className="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
              Try again
            </button>
          </>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
    );
  }

  // The first sign-in picks a username when the identity provider offered no name (the API then made one up).
  const mustChoose = !session.name && localStorage.getItem(usernameChosenKey(me.id)) == null;
  if (mustChoose || choosing) {
    return (
      <UsernameForm
        me={me}
        onDone={() => {
          localStorage.setItem(usernameChosenKey(me.id), '1');
          setChoosing(false);
        }}
        onCancel={mustChoose ? undefined : () => setChoosing(false)}
      />
    );
  }

  return (
    <MeContext.Provider value={me}>
      <Shell onRename={() => setChoosing(true)} />
    </MeContext.Provider>
  );
}

function UsernameForm({ me, onDone, onCancel }: { me: Me; onDone: () => void; onCancel?: () => void }) {
  const [username, setUsername] = useState(me.username);
  const [{ fetching, error }, save] = useMutation(SetUsernameMutation);
  const code = error?.graphQLErrors[0]?.extensions?.code;
  const message =
    code === 'USERNAME_TAKEN'
      ? 'That username is taken — try another.'
      : code === 'BAD_USER_INPUT'
        ? 'Use 1–32 letters, digits or . _ - @ +'
        : error
          ? 'Could not save the username.'
          : null;

  return (
    <main className="center">
      <form
        className="card"
        onSubmit={async (e) => {
          e.preventDefault();
          const result = await save({ username: username.trim() });
          if (!result.error) onDone();
        }}
      >
        <h1>Choose your username</h1>
        <p className="muted">This is how others find you and see your messages.</p>
        <label className="field">
          <span>Username</span>
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            maxLength={32}
            pattern="[\p{L}\p{N}._\-@+]{1,32}"
            required
            autoFocus
            aria-invalid={message ? true : undefined}
            aria-describedby="username-error"
          />
        </label>
        <p id="username-error" className="error" role="alert">
          {message ?? ' '}
        </p>
        <div className="modal-footer">
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="button primary" disabled={fetching || !username.trim()}>
            Continue
          </button>
        </div>
      </form>
    </main>
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

function Shell({ onRename }: { onRename: () => void }) {
  const engine = useEngine();
  const [route, navigate] = useRoute();
  const [creating, setCreating] = useState(false);
  const state = useConnectionState();

  // One subscription for the whole app: list previews and unread counts (through the cache) and open conversations.
  // Subscribed in an effect, not with useSubscription's handler, which runs while React renders.
  const client = useClient();
  useEffect(() => {
    const subscription = client.subscription(InboxSubscription, {}).subscribe((result) => {
      const message = result.data?.onInbox?.message;
      if (message) engine.receive(message);
    });
    return () => subscription.unsubscribe();
  }, [client, engine]);

  useEffect(() => {
    void engine.start();
  }, [engine]);

  return (
    <div className={`shell${route ? ' has-convo' : ''}`}>
      <header className="app-header">
        <span className="brand">Chatt</span>
        <ConnectionBadge />
        <Menu onRename={onRename} />
      </header>
      {state === 'signed-out' && (
        <div className="banner" role="alert">
          Your session ended. <button className="link" onClick={() => signIn()}>Sign in again</button>
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
            <ConvoView key={route} conversationId={route} onBack={() => navigate(null)} />
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
    </div>
  );
}

function Menu({ onRename }: { onRename: () => void }) {
  const me = useMeSafe();
  return (
    <details className="menu">
      <summary aria-label="Account">{me}</summary>
      <div className="menu-items">
        <button type="button" className="link" onClick={onRename}>
          Change username
        </button>
        <button type="button" className="link" onClick={() => void signOut()} data-testid="sign-out">
          Sign out
        </button>
      </div>
    </details>
  );
}

function useMeSafe(): string {
  const [{ data }] = useQuery({ query: MeQuery });
  return data?.me.username ?? '';
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
