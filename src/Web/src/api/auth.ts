/** The gateway's cookie session (BFF): the browser never holds a token; these endpoints are same-origin. */
export interface Session {
  readonly name: string | null;
  readonly sub: string;
}

/** The current session, or null when signed out (401). Throws when the gateway cannot be reached. */
export async function fetchSession(): Promise<Session | null> {
  const response = await fetch('/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`/auth/me answered ${response.status}`);
  const body = (await response.json()) as { name?: string | null; sub: string };
  return { name: body.name?.trim() || null, sub: body.sub };
}

export function signIn(returnUrl: string = location.pathname + location.search + location.hash): void {
  location.assign(`/auth/login?returnUrl=${encodeURIComponent(returnUrl)}`);
}

/**
 * Ends the gateway session, then the provider's when the gateway names its end-session URL (a script cannot
 * follow that cross-site redirect itself, so the page navigates there).
 */
export async function signOut(): Promise<void> {
  // X-CSRF: a custom header a cross-site form cannot send, which the gateway requires on state-changing calls.
  const response = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF': '1' } });
  const body = response.ok ? ((await response.json().catch(() => null)) as { endSessionUrl?: string | null } | null) : null;
  location.assign(body?.endSessionUrl || '/');
}
