// My account: display name (what citizens see), languages I answer in, and my password (the
// administrator created with a random password changes it here).
import { useState } from 'preact/hooks';
import { api, explain } from '../core/api.js';
import { html } from '../core/html.js';
import { t, UI_LANGUAGES } from '../core/texts.js';

/** The account screen (`#/account`). */
export function AccountScreen({ user, setUser, say }) {
  const [displayName, setDisplayName] = useState(user.displayName || '');
  const [languages, setLanguages] = useState(user.languages || []);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const save = async (e) => {
    e.preventDefault();
    const result = await api('PATCH', '/console/api/me', { displayName, languages });
    if (result.status !== 200) return say(explain(result), true);
    setUser(result.body.user);
    say(t('account.saved'));
  };
  const change = async (e) => {
    e.preventDefault();
    const result = await api('POST', '/console/api/me/password', { currentPassword: current, newPassword: next });
    setCurrent('');
    setNext('');
    if (result.status !== 200) return say(result.body.error === 'wrong_password' ? t('account.wrongPassword') : explain(result), true);
    say(t('account.passwordChanged'));
  };
  return html`
    <section id="account-view">
      <h2>${t('account.heading')}</h2>
      <form id="account-form" class="card form-grid" onSubmit=${save}>
        <label for="account-display-name">${t('users.displayName')}</label>
        <input id="account-display-name" value=${displayName} onInput=${(e) => setDisplayName(e.target.value)} required maxlength="60" aria-describedby="account-display-hint" />
        <small id="account-display-hint">${t('users.displayHint')}</small>
        <fieldset class="inline">
          <legend>${t('users.languages')}</legend>
          ${UI_LANGUAGES.map((lang) => html`<label><input type="checkbox" checked=${languages.includes(lang)} onChange=${(e) => setLanguages(e.target.checked ? [...languages, lang] : languages.filter((l) => l !== lang))} /> ${t(`languages.${lang}`)}</label>`)}
        </fieldset>
        <button type="submit" id="account-save">${t('common.save')}</button>
      </form>
      <form id="password-form" class="card form-grid" onSubmit=${change}>
        <h3>${t('account.passwordHeading')}</h3>
        <input type="text" name="username" autocomplete="username" value=${user.username} hidden readonly />
        <label for="current-password">${t('account.currentPassword')}</label>
        <input id="current-password" type="password" value=${current} onInput=${(e) => setCurrent(e.target.value)} required maxlength="200" autocomplete="current-password" />
        <label for="new-password">${t('account.newPassword')}</label>
        <input id="new-password" type="password" value=${next} onInput=${(e) => setNext(e.target.value)} required minlength="12" maxlength="200" autocomplete="new-password" aria-describedby="password-hint" />
        <small id="password-hint">${t('account.passwordHint')}</small>
        <button type="submit" id="password-change">${t('account.changePassword')}</button>
      </form>
    </section>`;
}
