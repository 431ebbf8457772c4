// Accounts: create (display name required: the citizen sees it, never the login name), deactivate
// and reactivate, reset a password, change display name and languages; administrators also choose
// the role and the digibank.
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { t, UI_LANGUAGES } from '../core/texts.js';

function Languages({ id, value, onChange }) {
  return html`
    <fieldset class="inline">
      <legend>${t('users.languages')}</legend>
      ${UI_LANGUAGES.map((lang) => html`<label><input type="checkbox" id=${`${id}-${lang}`} checked=${value.includes(lang)} onChange=${(e) => onChange(e.target.checked ? [...value, lang] : value.filter((l) => l !== lang))} /> ${t(`languages.${lang}`)}</label>`)}
    </fieldset>`;
}

function NewUser({ user, digibanks, onCreated, say }) {
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'volunteer', digibankId: user.digibankId ?? '', languages: ['nl'] });
  const field = (name) => (e) => setForm({ ...form, [name]: e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    const body = { username: form.username, displayName: form.displayName, password: form.password, role: form.role, languages: form.languages, ...(form.role === 'admin' ? {} : { digibankId: form.digibankId || undefined }) };
    const result = await api('POST', '/console/api/users', body);
    if (result.status !== 201) return say(explain(result), true);
    say(t('users.created', { name: result.body.user.displayName }));
    onCreated();
  };
  return html`
    <form id="user-form" class="card form-grid" onSubmit=${submit}>
      <h3>${t('users.new')}</h3>
      <label for="new-display-name">${t('users.displayName')}</label>
      <input id="new-display-name" value=${form.displayName} onInput=${field('displayName')} required maxlength="60" aria-describedby="display-hint" />
      <small id="display-hint">${t('users.displayHint')}</small>
      <label for="new-username">${t('login.username')}</label>
      <input id="new-username" value=${form.username} onInput=${field('username')} required maxlength="64" autocomplete="off" />
      <label for="new-password">${t('users.startPassword')}</label>
      <input id="new-password" type="password" value=${form.password} onInput=${field('password')} required minlength="12" maxlength="200" autocomplete="new-password" />
      ${user.role === 'admin' ? html`
        <label for="new-role">${t('users.role')}</label>
        <select id="new-role" value=${form.role} onChange=${field('role')}>${['volunteer', 'coordinator', 'admin'].map((r) => html`<option value=${r}>${t(`roles.${r}`)}</option>`)}</select>
        ${form.role === 'admin' ? null : html`<label for="new-digibank">${t('users.digibank')}</label>
          <select id="new-digibank" value=${form.digibankId} onChange=${field('digibankId')} required>
            <option value="">${t('users.chooseDigibank')}</option>
            ${digibanks.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
          </select>`}` : null}
      <${Languages} id="new-languages" value=${form.languages} onChange=${(languages) => setForm({ ...form, languages })} />
      <button type="submit" id="user-create">${t('users.create')}</button>
    </form>`;
}

function UserRow({ account, user, digibanks, reload, say }) {
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(account.displayName || '');
  const patch = async (body, message) => {
    const result = await api('PATCH', `/console/api/users/${seg(account.id)}`, body);
    if (result.status !== 200) return say(explain(result), true);
    say(message);
    reload();
  };
  const own = account.id === user.id;
  const bank = digibanks.find((d) => d.id === account.digibankId);
  return html`
    <li data-user=${account.username} class=${account.active ? '' : 'inactive'}>
      <div><strong>${account.displayName || account.username}</strong> <small>${account.username} · ${t(`roles.${account.role}`)}${bank ? ` · ${bank.name}` : ''}${account.active ? '' : ` · ${t('users.inactive')}`}</small></div>
      <form class="row inline-form" onSubmit=${(e) => { e.preventDefault(); patch({ displayName }, t('users.saved')); }}>
        <label for=${`dn-${account.id}`}>${t('users.displayName')}</label>
        <input id=${`dn-${account.id}`} value=${displayName} onInput=${(e) => setDisplayName(e.target.value)} required maxlength="60" />
        <button type="submit" class="secondary">${t('common.save')}</button>
      </form>
      ${own ? null : html`
        <form class="row inline-form" onSubmit=${(e) => { e.preventDefault(); patch({ password }, t('users.passwordReset', { name: account.displayName || account.username })); setPassword(''); }}>
          <label for=${`pw-${account.id}`}>${t('users.newPassword')}</label>
          <input id=${`pw-${account.id}`} type="password" value=${password} onInput=${(e) => setPassword(e.target.value)} required minlength="12" maxlength="200" autocomplete="new-password" />
          <button type="submit" class="secondary reset-password">${t('users.resetPassword')}</button>
        </form>
        <button type="button" class=${account.active ? 'danger deactivate' : 'activate'} onClick=${() => patch({ active: !account.active }, t(account.active ? 'users.deactivated' : 'users.activated'))}>${t(account.active ? 'users.deactivate' : 'users.activate')}</button>
        ${user.role === 'admin' && account.role !== 'admin' ? html`
          <label for=${`db-${account.id}`}>${t('users.digibank')}</label>
          <select id=${`db-${account.id}`} value=${account.digibankId || ''} onChange=${(e) => e.target.value && patch({ digibankId: e.target.value }, t('users.saved'))}>
            ${digibanks.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
          </select>` : null}`}
    </li>`;
}

/** The accounts screen (`#/users`), for coordinators (their volunteers) and administrators. */
export function UsersScreen({ user, say }) {
  const [accounts, setAccounts] = useState(null);
  const [digibanks, setDigibanks] = useState([]);
  const load = async () => {
    const result = await api('GET', '/console/api/users');
    if (result.status !== 200) return say(explain(result), true);
    setAccounts(result.body.users);
  };
  useEffect(() => {
    load();
    api('GET', '/console/api/digibanks').then((result) => setDigibanks(result.body.digibanks || []));
  }, []);
  return html`
    <section id="users-view">
      <h2>${t('users.heading')}</h2>
      <${NewUser} user=${user} digibanks=${digibanks} onCreated=${load} say=${say} />
      <ul id="users" class="list">
        ${(accounts || []).map((account) => html`<${UserRow} key=${account.id} account=${account} user=${user} digibanks=${digibanks} reload=${load} say=${say} />`)}
      </ul>
    </section>`;
}
