import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { sortedConvos } from '../chat/selectors';
import { convoTitle } from '../logic/titles';
import { useChat, useMe } from './hooks';
import { Modal } from './Modal';

/** Ctrl/Cmd+K: type part of a title or a member's name, arrows to choose, Enter to open, Escape to close. */
export function QuickSwitcher({ onClose, onPick }: { onClose: () => void; onPick: (conversationId: string) => void }) {
  const me = useMe();
  const convos = useChat((s) => s.convos);
  const [term, setTerm] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  const matches = useMemo(() => {
    const t = term.trim().toLowerCase();
    return sortedConvos(convos)
      .map((c) => ({ id: c.id, title: convoTitle(c, me.username), members: c.members, unread: c.unreadCount }))
      .filter((c) => !t || c.title.toLowerCase().includes(t) || c.members.some((m) => m.toLowerCase().startsWith(t)))
      .slice(0, 20);
  }, [convos, term, me.username]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = matches[active];
      if (pick) onPick(pick.id);
    }
  };

  return (
    <Modal title="Find a conversation" onClose={onClose} className="switcher">
      <div className="modal-body">
        <input
          type="search"
          role="combobox"
          aria-label="Conversation name or person"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
          value={term}
          autoFocus
          onChange={(e) => {
            setTerm(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder="Type a name"
        />
        <ul id={listId} role="listbox" aria-label="Conversations" className="picker-results">
          {matches.length === 0 && <li className="muted">No conversation matches.</li>}
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`picker-result${i === active ? ' active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => onPick(c.id)}
            >
              {c.title}
              {c.unread > 0 && <span className="badge">{c.unread}</span>}
            </li>
          ))}
        </ul>
      </div>
    </Modal>
  );
}
