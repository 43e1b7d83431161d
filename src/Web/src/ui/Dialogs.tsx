import { useState } from 'react';
import { describeError } from '../logic/errors';
import { limits } from '../logic/limits';
import { generatedName } from '../logic/titles';
import { useEngine, useMe } from './hooks';
import { Modal } from './Modal';
import { UserPicker, type PickedUser } from './UserPicker';

export function NewConversationDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const engine = useEngine();
  const me = useMe();
  const [picked, setPicked] = useState<PickedUser[]>([]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const defaultName = generatedName(me.username, picked.map((p) => p.username), limits.maxConversationNameLength);

  const submit = async () => {
    if (picked.length === 0 || busy) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await engine.createConvo(name.trim() || defaultName, picked.map((p) => p.username)));
    } catch (e) {
      setError(describeError('start the conversation', e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="New conversation" onClose={onClose}>
      <form
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <UserPicker picked={picked} onChange={setPicked} exclude={[me.username]} />
        {picked.length > 1 && (
          <label className="field">
            <span>Group name (optional)</span>
            <input value={name} maxLength={limits.maxConversationNameLength} onChange={(e) => setName(e.target.value)} placeholder={defaultName} />
          </label>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        <footer className="modal-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={picked.length === 0 || busy} data-testid="create-convo">
            {picked.length > 1 ? 'Start group' : 'Start chat'}
          </button>
        </footer>
      </form>
    </Modal>
  );
}

export function AddPeopleDialog({ conversationId, members, onClose }: { conversationId: string; members: readonly string[]; onClose: () => void }) {
  const engine = useEngine();
  const [picked, setPicked] = useState<PickedUser[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const user of picked) await engine.addMember(conversationId, user.id);
      onClose();
    } catch (e) {
      setError(describeError('add people', e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Add people" onClose={onClose}>
      <form
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <UserPicker picked={picked} onChange={setPicked} exclude={members} />
        {error && <p className="error" role="alert">{error}</p>}
        <footer className="modal-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={picked.length === 0 || busy}>
            Add
          </button>
        </footer>
      </form>
    </Modal>
  );
}
