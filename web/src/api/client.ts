import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

// The one HTTP client of the app, typed from the server's OpenAPI document (schema.d.ts is generated
// by `npm run build`; CI fails when the committed copy differs). The browser's login is an httpOnly
// cookie; writes carry the session's CSRF token.
let csrfToken: string | null = null;
let onSessionLost: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_PATHS = ['/api/auth/session'];

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !SESSION_PATHS.includes(path)) onSessionLost();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(sessionMiddleware);
