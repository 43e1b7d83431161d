import { useEffect, useState } from 'react';
import type { Member } from '../chat/engine';
import { describeError, type Action } from '../logic/errors';
import { limits } from '../logic/limits';
import type { Convo, Role } from '../logic/types';
import { useEngine, useMe } from './hooks';
import { Avatar } from './MessageItem';
import { Modal } from './Modal';

const roleNames: Record<Role, string> = { OWNER: 'Owner', ADMIN: 'Admin', MEMBER: 'Member' };

/** Who is in the conversation and their roles; owners and admins remove people and rename; anyone may leave. */
export function MembersDialog({ convo, onClose, onAdd, onLeft }: { convo: Convo; onClose: () => void; onAdd: () => void; onLeft: () => void }) {
  const engine = useEngine();
  const me = useMe();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState(convo.name);
  const manager = convo.myRole === 'OWNER' || convo.myRole === 'ADMIN';

  const reload = () =>
    engine.loadMembers(convo.id).then(setMembers, (e: unknown) => setError(describeError('open the conversation', e)));
  useEffect(() => {
    void reload();
  }, [convo.members.join(',')]);

  const run = async (action: Action, fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
      await reload();
    } catch (e) {
      setError(describeError(action, e));
    }
  };

  return (
    <Modal title="Members" onClose={onClose}>
      <div className="modal-body">
        {manager && !convo.direct && (
          <form
            className="rename"
            onSubmit={(e) => {
              e.preventDefault();
              void run('rename the conversation', () => engine.rename(convo.id, name.trim()));
            }}
          >
            <label className="field">
              <span>Conversation name</span>
              <input value={name} maxLength={limits.maxConversationNameLength} onChange={(e) => setName(e.target.value)} />
            </label>
            <button type="submit" className="button" disabled={!name.trim() || name.trim() === convo.name}>
              Rename
            </button>
          </form>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <ul className="members" aria-label="Members">
          {(members ?? []).map((m) => (
            <li key={m.userId} className="member">
              <Avatar userId={m.userId} name={m.username} />
              <span className="member-name">
                {m.username}
                {m.userId === me.id ? ' (you)' : ''}
              </span>
              <span className="muted member-role">{roleNames[m.role]}</span>
              {manager && m.userId !== me.id && m.role !== 'OWNER' && (
                <button
                  type="button"
                  className="button"
                  onClick={() => void run('change the role', () => engine.setRole(convo.id, m.userId, m.role === 'ADMIN' ? 'MEMBER' : 'ADMIN'))}
                >
                  {m.role === 'ADMIN' ? `Make ${m.username} a member` : `Make ${m.username} an admin`}
                </button>
              )}
              {manager && m.userId !== me.id && (
                <button type="button" className="button danger" onClick={() => void run('remove the member', () => engine.removeMember(convo.id, m.userId))}>
                  Remove {m.username}
                </button>
              )}
            </li>
          ))}
          {members == null && !error && <li className="muted">Loading…</li>}
        </ul>
        <footer className="modal-footer">
          {!convo.direct && (
            <button type="button" className="button" onClick={onAdd}>
              Add people
            </button>
          )}
          <button
            type="button"
            className="button danger"
            onClick={async () => {
              try {
                await engine.removeMember(convo.id, me.id);
                onLeft();
              } catch (e) {
                setError(describeError('leave the conversation', e));
              }
            }}
          >
            Leave conversation
          </button>
        </footer>
      </div>
    </Modal>
  );
}
