/**
 * Text normalisation for triage: makes "Kgeraak NIE in mijn itsme 😩", "kgeraak nie in mijn itsme" and
 * "ik geraak niet in mijn itsme" look alike to the classifiers. Language-neutral on purpose: it runs
 * before the language is known.
 */

/** Emoji that carry meaning for triage, mapped to plain tokens (the rest are dropped). */
const EMOJI_TOKENS: ReadonlyArray<readonly [RegExp, string]> = [
  [/🇳🇱|🇧🇪/gu, 'emoflagnl'],
  [/🇫🇷/gu, 'emoflagfr'],
  [/🇬🇧|🇺🇸|🇮🇪/gu, 'emoflagen'],
  [/👋/gu, 'emowave'],
  [/🙏/gu, 'emothanks'],
  [/👍|👌|✅/gu, 'emook'],
  [/🛑|⛔|✋/gu, 'emostop'],
  [/🗑/gu, 'emotrash'],
  [/💻|🖥|⌨/gu, 'emocomputer'],
  [/📱|📲|☎|📞/gu, 'emophone'],
  [/📅|🗓|📆/gu, 'emocalendar'],
  [/🖨/gu, 'emoprinter'],
  [/📶|📡|🛜/gu, 'emosignal'],
  [/🏥|💊|🩺|🤒/gu, 'emohealth'],
  [/🚨|⚠|🆘/gu, 'emoalert'],
  [/💳|🏦|💶|💰/gu, 'emomoney'],
  [/🏠|🏡/gu, 'emohome'],
  [/📍|🗺|🕐|🕒|⏰/gu, 'emoplace'],
  [/📄|📃|🧾|📝/gu, 'emopaper'],
  [/📚|🎓|🏫|✏/gu, 'emoschool'],
  [/🎁/gu, 'emogift'],
  [/😢|😭|😩|😤|😠|😡|😕|😞|😟|🙁|☹/gu, 'emosad'],
  [/😊|🙂|😀|😃|😄|😁|☺|🤗/gu, 'emosmile'],
];

/** Flemish clitic forms: "kheb" = "ik heb", "kgeraak" = "ik geraak". */
const FLEMISH_K = new Set([
  'kheb', 'kben', 'kzou', 'kga', 'kweet', 'kwil', 'kmoet', 'kzal', 'kkan', 'kmag', 'kzit', 'kkom', 'kzoek',
  'ksnap', 'kvind', 'kdenk', 'kwou', 'khad', 'kwas', 'kgeraak', 'kgerak', 'kkrijg', 'kkreeg', 'kdoe',
  'kversta', 'kzie', 'klees', 'kbegrijp', 'kmoest', 'kkon', 'kgeraakt', 'kwacht', 'kspreek', 'kzat',
]);

/** French elisions written without apostrophe: "jai" = "j'ai", "jveux" = "je veux". */
const FRENCH_J_VOWEL = new Set([
  'jai', 'jarrive', 'jarive', 'jaimerais', 'jaimerai', 'jattends', 'jaurais', 'jetais', 'javais', 'jhabite', 'jen',
]);

/**
 * Service names as dictation and one-finger typing split them ("it's me", "it s me", "my minfin",
 * "smart school", "e box"), joined back to the one token the names are written as: a service name
 * is no sentence and no language.
 */
const SPLIT_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^| )(?:it ?s|its) me( |$)/g, '$1itsme$2'],
  [/(^| )my min ?fin( |$)/g, '$1myminfin$2'],
  [/(^| )my health( |$)/g, '$1myhealth$2'],
  [/(^| )smart school( |$)/g, '$1smartschool$2'],
  [/(^| )e box( |$)/g, '$1ebox$2'],
  [/(^| )burger profiel( |$)/g, '$1burgerprofiel$2'],
  [/(^| )tax ?on ?web( |$)/g, '$1tax on web$2'],
];

/** Lower-case, fold accents, map emoji, undo clitics; returns a space-separated token string. */
export function normalizeText(raw: string): string {
  let s = raw.normalize('NFKC');
  for (const [pattern, token] of EMOJI_TOKENS) s = s.replace(pattern, ` ${token} `);
  s = s.replace(/\p{Extended_Pictographic}|\p{Regional_Indicator}/gu, ' ');
  s = s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  s = s.replace(/[’‘`´]/g, "'");
  // elision (l'appli, j'ai, qu'il, 't is) splits; contraction (can't, don't, aujourd'hui) joins
  s = s.replace(/(^|[^\p{L}])(\p{L}|qu)'(?=\p{L})/gu, '$1$2 ');
  s = s.replace(/(\p{L})'(\p{L})/gu, '$1$2');
  s = s.replace(/(\p{L})\1{2,}/gu, '$1$1');
  s = s.replace(/(\d)[.,](\d)/g, '$1$2');
  const tokens = s.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
  const out: string[] = [];
  for (const t of tokens) {
    if (FLEMISH_K.has(t)) out.push('ik', t.slice(1));
    else if (t === 'k') out.push('ik');
    else if (FRENCH_J_VOWEL.has(t)) out.push('j', t.slice(1));
    else if (/^j[bcdfgklmnpqrstvwxz][a-z]{2,}$/.test(t)) out.push('je', t.slice(1));
    else if (t === 'chui' || t === 'chuis') out.push('je', 'suis');
    else out.push(t);
  }
  return joinSplitNames(out.join(' '));
}

/** {@link SPLIT_NAMES} applied to a normalised text. */
function joinSplitNames(normalized: string): string {
  let joined = normalized;
  for (const [pattern, name] of SPLIT_NAMES) joined = joined.replace(pattern, name);
  return joined;
}

/** Tokens of a normalised text. */
export function tokensOf(normalized: string): string[] {
  return normalized.length === 0 ? [] : normalized.split(' ');
}
