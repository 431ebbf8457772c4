// The console's own words: /console/texts.json holds `console.ui` of locales/{nl,fr,en}/console.json
// (and the topic names of locales/*/topics.json). No text of the interface is written in code.

export const UI_LANGUAGES = ['nl', 'fr', 'en'];
const state = { texts: {}, lang: 'nl' };

/** Loads the texts once (before the first render). */
export async function loadTexts() {
  const response = await fetch('/console/texts.json', { credentials: 'same-origin' });
  state.texts = await response.json();
}

/** The console's language now. */
export function uiLanguage() {
  return state.lang;
}

/** Switches the console's language (nl, fr or en). */
export function setUiLanguage(lang) {
  if (UI_LANGUAGES.includes(lang)) state.lang = lang;
  document.documentElement.lang = state.lang;
}

function lookup(lang, key) {
  return key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), state.texts[lang]);
}

/** The text of `key` in the console's language (English, then the key itself, when missing), with {{vars}} filled in. */
export function t(key, vars) {
  let text = lookup(state.lang, key);
  if (typeof text !== 'string') text = lookup('en', key);
  if (typeof text !== 'string') return key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name) => (vars && vars[name] !== undefined ? String(vars[name]) : ''));
}

/** The text of `key` or undefined (for optional labels such as a topic's name). */
export function maybe(key) {
  const text = lookup(state.lang, key) ?? lookup('en', key);
  return typeof text === 'string' ? text : undefined;
}

/** A console language in its own words ("Français"), for the language switch: from locales/<lang>/language.json. */
export function languageName(lang) {
  const name = lookup(lang, 'languageName');
  return typeof name === 'string' ? name : lang;
}

/** A triage topic in words ("scam_security" → "Oplichting"), never the raw key. */
export function topicName(topic) {
  if (!topic) return t('common.noTopic');
  return maybe(`topics.${topic}`) ?? t('common.otherTopic');
}

/** A channel in words. */
export function channelName(channel) {
  return maybe(`channels.${channel}`) ?? t('channels.unknown');
}

/** A citizen's language in words, saying clearly when it is simplified language (nl-simple, fr-simple, en-simple). */
export function citizenLanguage(language) {
  if (!language) return t('common.unknownLanguage');
  const [base, variant] = language.split('-');
  const name = maybe(`languages.${base}`) ?? base.toUpperCase();
  return variant === 'simple' ? t('languages.simple', { language: name }) : name;
}

/** True when the citizen reads simplified language. */
export function isSimple(language) {
  return typeof language === 'string' && language.endsWith('-simple');
}

/** "za 6 dec. 14:30" in the console's language, Brussels time. */
export function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(`${state.lang}-BE`, { timeZone: 'Europe/Brussels', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** "14:30" Brussels time. */
export function clock(iso) {
  return new Date(iso).toLocaleTimeString(`${state.lang}-BE`, { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' });
}

/** "zaterdag 6 december" Brussels time. */
export function day(iso) {
  return new Date(iso).toLocaleDateString(`${state.lang}-BE`, { timeZone: 'Europe/Brussels', weekday: 'long', day: 'numeric', month: 'long' });
}

/** Whole minutes since an instant (never negative). */
export function minutesSince(iso) {
  return Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60000));
}

/** Today in Brussels as YYYY-MM-DD. */
export function today() {
  return new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Brussels' });
}
