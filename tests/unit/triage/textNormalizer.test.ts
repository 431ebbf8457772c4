import { normalizeText } from '../../../triage/textNormalizer';

describe('normalizeText', () => {
  test.each([
    ['Kgeraak NIE in mijn itsme 😩', 'ik geraak nie in mijn itsme emosad'],
    ["kheb een probleem me it's me", 'ik heb een probleem me itsme'],
    ['mon it s me marche plus', 'mon itsme marche plus'],
    ['its me app not working', 'itsme app not working'],
    ['Tax-on-web', 'tax on web'],
    ['taxonweb lukt niet', 'tax on web lukt niet'],
    ['my minfin', 'myminfin'],
    ['probleem met smart school', 'probleem met smartschool'],
    ['brief in mijn e-box', 'brief in mijn ebox'],
    ['mijn burger profiel', 'mijn burgerprofiel'],
    ['kitsme', 'kitsme'],
    ['it is me again', 'it is me again'],
  ])('%s → %s', (raw, normalized) => {
    expect(normalizeText(raw)).toBe(normalized);
  });
});
