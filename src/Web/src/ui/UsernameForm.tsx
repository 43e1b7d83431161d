import { useState } from 'react';
import { useMutation } from 'urql';
import { SetUsernameMutation } from '../api/operations';
import { describeError } from '../logic/errors';
import { isValidUsername, limits, usernameCharacters } from '../logic/limits';
import type { Me } from './hooks';
import { Modal } from './Modal';

export function UsernameForm({
  me,
  onDone,
  onCancel,
  className,
  heading,
}: {
  me: Me;
  onDone: () => void;
  onCancel?: () => void;
  className?: string;
  heading?: boolean;
}) {
  const [username, setUsername] = useState(me.username);
  const [{ fetching }, save] = useMutation(SetUsernameMutation);
  const [message, setMessage] = useState<string | null>(null);
  const wanted = username.trim();

  return (
    <form
      className={className}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!isValidUsername(wanted)) {
          setMessage(`A username is 1–${limits.maxUsernameLength} letters, digits or . _ - @ + — no spaces.`);
          return;
        }
        const result = await save({ username: wanted });
        if (result.error) setMessage(describeError('save the username', result.error));
        else onDone();
      }}
    >
      {heading && <h1>Choose your username</h1>}
      <p className="muted">This is how others find you and see your messages.</p>
      <label className="field">
        <span>Username</span>
        <input
          value={username}
          onChange={(e) => {
            setUsername(e.target.value);
            setMessage(null);
          }}
          maxLength={limits.maxUsernameLength}
          pattern={`[${usernameCharacters}]{1,${limits.maxUsernameLength}}`}
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
        <button type="submit" className="button primary" disabled={fetching || !wanted}>
          {onCancel ? 'Save' : 'Continue'}
        </button>
      </div>
    </form>
  );
}

/** "Change username": a dialog over the chat (Escape or Cancel closes it), not a screen of its own. */
export function UsernameDialog({ me, onDone, onClose }: { me: Me; onDone: () => void; onClose: () => void }) {
  return (
    <Modal title="Change username" onClose={onClose}>
      <UsernameForm me={me} onDone={onDone} onCancel={onClose} className="modal-body" />
    </Modal>
  );
}
