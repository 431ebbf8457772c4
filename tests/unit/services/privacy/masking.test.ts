import { luhn, maskAtRest, maskPersonalData, validIban, validNationalNumber } from '../../../../services/privacy/masking';

describe('maskPersonalData', () => {
  test.each([
    // national register numbers (1985 and a birth in 2001), every usual writing
    ['mijn rijksregisternummer is 85.07.30-033.28', 'mijn rijksregisternummer is ••.••.••-•••.••'],
    ['RRN 85073003328 graag', 'RRN ••••••••••• graag'],
    ['numéro national 850730 033 28', 'numéro national •••••• ••• ••'],
    ['01.02.03-123.45 voor mijn zoon', '••.••.••-•••.•• voor mijn zoon'],
    // IBANs (spaces or not): country and last two characters stay
    ['stort op BE68 5390 0754 7034 aub', 'stort op BE•• •••• •••• ••34 aub'],
    ['IBAN: BE68539007547034.', 'IBAN: BE••••••••••••34.'],
    ['NL91ABNA0417164300 is van mijn dochter', 'NL••••••••••••••00 is van mijn dochter'],
    // card numbers (Luhn): last four stay
    ['kaart 4111 1111 1111 1111 vervalt', 'kaart •••• •••• •••• 1111 vervalt'],
    ['carte 5555-5555-5555-4444', 'carte ••••-••••-••••-4444'],
    // codes and passwords after a word
    ['mijn pincode is 1234', 'mijn pincode is ••••'],
    ['PIN: 0000', 'PIN: ••••'],
    ['Mijn pincode is 4821. Mag ik iemand spreken?', 'Mijn pincode is ••••• Mag ik iemand spreken?'], // a trailing mark may belong to the code: masked too
    ['mon mot de passe est Soleil42!', 'mon mot de passe est •••••••••'],
    ['wachtwoord = geheim123', 'wachtwoord = •••••••••'],
    ['de code 483920 van itsme', 'de code •••••• van itsme'],
    ['my password: hunter22', 'my password: ••••••••'],
    // phone numbers: last two digits stay
    ['bel me op 0470 12 34 56', 'bel me op •••• •• •• 56'],
    ['+32 470 12 34 56', '+•• ••• •• •• 56'],
    ['0032470123456', '•••••••••••56'],
    ['vast nummer 02/123.45.67', 'vast nummer ••/•••.••.67'],
    // a Belgian number with its country code but no + (as WhatsApp shows it)
    ['mijn nummer is 32470123456', 'mijn nummer is •••••••••56'],
    // e-mail addresses: first character and domain stay
    ['mail naar jan.peeters@telenet.be aub', 'mail naar j••••••••••@telenet.be aub'],
    ['écrivez à émilie+ocmw@exemple.fr', 'écrivez à é••••••••••@exemple.fr'],
  ])('%s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  test.each([
    'afspraak op 12/03/2026 om 14:30',
    'postcode 8900 Ieper',
    'het kost 1250 euro',
    'referentie K7P-4QX',
    'nummer 4111 1111 1111 1112 is geen kaart',
    'BE68 5390 0754 7035 klopt niet',
    '85.07.30-033.29 is geen geldig nummer',
    'de code is',
    'ik heb een pin nodig',
    'jaar 2025 en 2026',
    'het kost 3200000 euro',
    'zie www.digibank.be of @digibank',
  ])('leaves "%s" alone', (input) => {
    expect(maskPersonalData(input)).toBe(input);
  });

  test('null and empty texts stay as they are', () => {
    expect(maskPersonalData(null)).toBeNull();
    expect(maskPersonalData('')).toBe('');
  });

  test('checksums', () => {
    expect([validIban('BE68539007547034'), validIban('BE68539007547035')]).toEqual([true, false]);
    expect([validNationalNumber('85073003328'), validNationalNumber('01020312345'), validNationalNumber('85073003329')]).toEqual([true, true, false]);
    expect([luhn('4111111111111111'), luhn('4111111111111112'), luhn('123')]).toEqual([true, false, false]);
  });
});

describe('maskAtRest (what a stored message may hold)', () => {
  test.each([
    ['mijn rijksregisternummer is 85.07.30-033.28', 'mijn rijksregisternummer is ••.••.••-•••.••'],
    ['IBAN BE68 5390 0754 7034 graag', 'IBAN BE•• •••• •••• ••34 graag'],
    ['kaart 4111 1111 1111 1111', 'kaart •••• •••• •••• 1111'],
  ])('masks "%s"', (input, expected) => {
    expect(maskAtRest(input)).toBe(expected);
  });

  test.each([
    'bel me op 0470 12 34 56',
    'mijn mail is jan@example.be',
    'mijn pincode is 4821',
    'afspraak op 12/03 om 14:30, code K7PQ2M',
  ])('keeps "%s" for the volunteer (masked only when shown)', (input) => {
    expect(maskAtRest(input)).toBe(input);
  });
});
