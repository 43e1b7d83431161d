import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { fetchSession, type Session } from './api/auth';
import { createGraphQLClient } from './api/client';
import { Connection, createWsClient } from './api/connection';
import { ChatEngine } from './chat/engine';
import { App, SignedOut } from './ui/App';
import { EngineContext } from './ui/hooks';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function boot(): Promise<void> {
  let session: Session | null;
  try {
    session = await fetchSession();
  } catch {
    root.render(
      <main className="center">
        <div className="card">
          <p>Chatt cannot be reached right now. Check your connection, then try again.</p>
          <button className="button primary" onClick={() => void boot()}>
            Try again
          </button>
        </div>
      </main>,
    );
    return;
  }

  if (!session) {
    root.render(
      <StrictMode>
        <SignedOut />
      </StrictMode>,
    );
    return;
  }

  // The socket opens only for a signed-in person: the gateway authenticates it by the session cookie.
  const connection = new Connection();
  const client = createGraphQLClient(createWsClient(connection), connection);
  const engine = new ChatEngine(client, connection, session.sub);
  // The one entry point for live events: the engine subscribes here, before and outside any React rendering.
  engine.start();
  root.render(
    <StrictMode>
      <Provider value={client}>
        <EngineContext.Provider value={engine}>
          <App session={session} />
        </EngineContext.Provider>
      </Provider>
    </StrictMode>,
  );
}

void boot();
