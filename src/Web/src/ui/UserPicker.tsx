import { useEffect, useId, useState } from 'react';
import { useQuery } from 'urql';
import { SearchUsersQuery } from '../api/operations';
import { describeError } from '../logic/errors';

export interface PickedUser {
  readonly id: string;
  readonly username: string;
}

/** A searchable list of users (username prefix, server-side) with the picked ones as removable chips. */
export function UserPicker({
  picked,
  onChange,
  exclude,
}: {
  picked: readonly PickedUser[];
  onChange: (users: PickedUser[]) => void;
  exclude: readonly string[];
}) {
  const [term, setTerm] = useState('');
  const [prefix, setPrefix] = useState('');
  const listId = useId();

  useEffect(() => {
    const timer = setTimeout(() => setPrefix(term.trim()), 200);
    return () => clearTimeout(timer);
  }, [term]);

  const [{ data, fetching, error }] = useQuery({
    query: SearchUsersQuery,
    // An empty box lists people without a filter (the API accepts no null prefix).
    variables: { filter: prefix ? { username: { beginsWith: prefix } } : undefined, limit: 20 },
  });

  const excluded = new Set([...exclude.map((u) => u.toLowerCase()), ...picked.map((p) => p.username.toLowerCase())]);
  // Filter by what is typed now too, so results of the previous (debounced) search never show as matches.
  const typed = term.trim().toLowerCase();
  const results = (data?.listUsers?.items ?? []).filter(
    (u): u is PickedUser =>
      u != null && !excluded.has(u.username.toLowerCase()) && u.username.toLowerCase().startsWith(typed),
  );

  return (
    <div className="picker">
      {picked.length > 0 && (
        <ul className="chips" aria-label="Picked people">
          {picked.map((u) => (
            <li key={u.id} className="chip">
              {u.username}
              <button
                type="button"
                aria-label={`Remove ${u.username}`}
                onClick={() => onChange(picked.filter((p) => p.id !== u.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="field">
        <span>Find people</span>
        <input
          type="search"
          value={term}
          onChange={(e) => setTerm(e.target.value)}
          placeholder="Start typing a username"
          aria-controls={listId}
          autoFocus
          data-testid="user-search"
        />
      </label>
      <ul id={listId} className="picker-results" aria-busy={fetching} aria-label="People">
        {error && <li className="error" role="alert">{describeError('search for people', error)}</li>}
        {!error && results.length === 0 && !fetching && <li className="muted">No one found</li>}
        {results.map((u) => (
          <li key={u.id}>
            <button type="button" className="picker-result" onClick={() => {
                onChange([...picked, u]);
                setTerm('');
              }}>
              {u.username}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
