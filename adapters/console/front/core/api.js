// The console's JSON API client: same-origin cookie session, the CSRF token on every change.
import { t } from './texts.js';

const session = { csrf: '', onLoggedOut: () => undefined };

/** Remembers the session's CSRF token and what to do when the session has ended (401). */
export function startSession(csrf, onLoggedOut) {
  session.csrf = csrf;
  if (onLoggedOut) session.onLoggedOut = onLoggedOut;
}

/** `{status, body}` of a request; status 0 when the server could not be reached. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = session.csrf;
  try {
    const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let data = {};
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = {};
    }
    if (response.status === 401 && path !== '/console/api/login') session.onLoggedOut(t('login.ended'));
    return { status: response.status, body: data };
  } catch {
    return { status: 0, body: { error: 'network' } };
  }
}

/** A refusal in words for the status line. */
export function explain(result) {
  const error = result.body && result.body.error;
  if (result.status === 0) return t('errors.network');
  if (error === 'already_claimed') return t('conversation.claimedBy', { name: result.body.claimedBy.name });
  if (error === 'not_waiting' || error === 'not_open') return t('conversation.notWaiting');
  if (error === 'window_closed') return result.body.template ? t('conversation.windowClosed') : t('conversation.noTemplate');
  if (error === 'opted_out') return t('conversation.optedOut');
  if (error === 'invalid_request') return t('errors.invalid', { field: result.body.field || '' });
  if (error && typeof error === 'string') {
    const known = t(`errors.codes.${error}`);
    if (known !== `errors.codes.${error}`) return known;
  }
  if (result.status === 403) return t('errors.forbidden');
  if (result.status === 404) return t('errors.notFound');
  return t('errors.generic');
}

/** Encodes one path segment. */
export function seg(value) {
  return encodeURIComponent(String(value));
}
