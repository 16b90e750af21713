import { reactive } from 'vue';
import { api, setCsrfToken } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { Session, SessionUser } from '@/api/types';

// Who is signed in, for the whole app. The login itself is an httpOnly cookie the app cannot read;
// this only mirrors what GET /api/auth/session says.
export const session = reactive<{ user: SessionUser | null; checked: boolean }>({ user: null, checked: false });

function adopt(value: Session | null): void {
  session.user = value?.user ?? null;
  setCsrfToken(value?.csrfToken ?? null);
  session.checked = true;
}

export async function restoreSession(): Promise<boolean> {
  const { data, response } = await api.GET('/api/auth/session');
  adopt(response.ok && data ? data : null);
  return session.user !== null;
}

export async function signIn(username: string, password: string): Promise<void> {
  adopt(await unwrap(api.POST('/api/auth/session', { body: { username, password } })));
}

export async function signOut(): Promise<void> {
  // Ends the server's session; the local state is cleared even if the session had already expired.
  await api.POST('/api/auth/session/logout').catch(() => undefined);
  forgetSession();
}

export function forgetSession(): void {
  adopt(null);
}
