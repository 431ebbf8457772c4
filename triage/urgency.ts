/**
 * Urgency of a scam message: a scam *in progress* (someone is calling now, has just asked for or been
 * given codes, money is leaving the account) needs Card Stop and a human at once.
 */

/** Patterns on normalised text (lower case, no accents, clitics undone). */
const URGENCY_PATTERNS: readonly RegExp[] = [
  // now / right away
  /\b(nu|nu net|net nu|dringend|direct|onmiddellijk|snel|rap|seffens)\b/,
  /\b(maintenant|tout de suite|en ce moment|urgent|urgence|vite|a l instant)\b/,
  /\b(now|right now|urgent|urgently|quick|immediately|at the moment)\b/,
  // someone on the phone / calling
  /\b(belt|bellen|bellt|belde|aan de lijn|aan de telefoon|aan de foon)\b/,
  /\b(appelle|appellent|m a appele|au telephone|au tel|en ligne avec)\b/,
  /\b(is calling|are calling|calls me|call me now|on the phone|called me)\b/,
  // codes asked or given
  /\b(code|codes|pin|pincode|kaartnummer|wachtwoord)\b.*\b(gevraagd|vragen|vraagt|gegeven|doorgegeven)\b/,
  /\b(gevraagd|vragen|vraagt|gegeven|doorgegeven)\b.*\b(code|codes|pin|pincode|kaartnummer)\b/,
  /\b(demande|demandent|demander|donne|donnee|veut|veulent|voulait|voulaient)\b.*\b(code|codes|pin|numero de carte|mot de passe)\b/,
  /\b(ask|asks|asked|asking|gave|given|give|want|wants|wanted)\b.*\b(code|codes|pin|card number|password)\b/,
  // money leaving
  /\b(geld)\b.*\b(weg|verdwenen|gestolen)\b/,
  /\b(argent)\b.*\b(parti|disparu|vole)\b/,
  /\b(money)\b.*\b(gone|disappeared|stolen|taken)\b/,
];

/** True when a normalised scam-related message signals a scam in progress. */
export function hasUrgencySignal(normalized: string): boolean {
  return URGENCY_PATTERNS.some((p) => p.test(normalized));
}

/** Someone on the phone (or at the door of the chat) right now… */
const CALLING: readonly RegExp[] = URGENCY_PATTERNS.slice(3, 6);
/** …asking for codes: the classic bank-helpdesk scam, whatever topic the words suggest. */
const CODES_ASKED: readonly RegExp[] = URGENCY_PATTERNS.slice(6, 10);

/**
 * True when someone calling asks for codes ("someone is calling me now asking my pin"): a scam in
 * progress even when the classifier reads the topic as itsme or banking.
 */
export function isScamInProgress(normalized: string): boolean {
  return CALLING.some((p) => p.test(normalized)) && CODES_ASKED.some((p) => p.test(normalized));
}
