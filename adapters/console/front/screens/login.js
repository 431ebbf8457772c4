// Login: username and password; the server answers with the session cookie and a CSRF token.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { unlockAudio } from '../core/notify.js';
import { t } from '../core/texts.js';

/** The login form. */
export function LoginScreen({ message, onSignedIn }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    unlockAudio();
    const form = event.target;
    setBusy(true);
    setError('');
    const result = await api('POST', '/console/api/login', { username: form.username.value, password: form.password.value });
    setBusy(false);
    form.password.value = '';
    if (result.status === 200) return onSignedIn(result.body.user, result.body.csrfToken);
    setError(result.status === 429 ? t('login.locked') : result.status === 401 ? t('login.invalid') : t('errors.generic'));
  };
  return html`
    <section id="login-view">
      <form id="login-form" class="card" autocomplete="on" onSubmit=${submit}>
        <h2>${t('login.heading')}</h2>
        <label for="username">${t('login.username')}</label>
        <input id="username" name="username" autocomplete="username" required maxlength="100" />
        <label for="password">${t('login.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200" />
        <button type="submit" id="login-submit" disabled=${busy}>${t('login.submit')}</button>
        <p id="login-error" class="error" role="alert">${error || message}</p>
      </form>
    </section>`;
}
