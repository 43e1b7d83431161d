import { useEffect, useId, useRef, useState } from 'react';
import { signOut } from '../api/auth';
import { useMe } from './hooks';

type Permission = NotificationPermission | 'unsupported';

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The account menu: username, desktop notifications (asked for here, on a click, never on load), sign out. */
export function AccountMenu({ onRename }: { onRename: () => void }) {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [permission, setPermission] = useState<Permission>(currentPermission);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onClick = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  return (
    <div className="menu" ref={root}>
      <button type="button" className="menu-button" aria-label="Account" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        {me.username}
      </button>
      {open && (
        <div className="menu-items" id={menuId}>
          <button
            type="button"
            className="link"
            onClick={() => {
              setOpen(false);
              onRename();
            }}
          >
            Change username
          </button>
          {permission === 'default' && (
            <button
              type="button"
              className="link"
              onClick={() => void Notification.requestPermission().then(setPermission)}
            >
              Turn on desktop notifications
            </button>
          )}
          {permission === 'granted' && <span className="muted">Desktop notifications are on</span>}
          {permission === 'denied' && <span className="muted">Notifications are blocked in this browser’s site settings</span>}
          <button type="button" className="link" onClick={() => void signOut()} data-testid="sign-out">
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
