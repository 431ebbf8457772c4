import { proofIn, referenceIn } from '../../../dialogs/ownershipProofDialog';
import { ReferenceCode } from '../../../services/booking/referenceCode';

const code = ReferenceCode.generate();
const shown = ReferenceCode.format(code);

describe('what a web chat visitor types to prove an appointment', () => {
  test.each([
    [shown, code],
    [shown.toLowerCase(), code],
    [code, code],
    [`mijn code is ${shown} en mijn postcode 8500`, code],
    [`${shown.replace('-', ' ')} 8500`, code],
    ['8500', undefined],
    ['hallo', undefined],
  ])('the code in "%s"', (text, expected) => {
    expect(referenceIn(text)).toBe(expected);
  });

  test.each([
    ['8500', { postcode: '8500' }],
    ['postcode 8 500', { postcode: '8500' }],
    ['0470 12 34 56', { phone: '0470 12 34 56' }],
    ['+32 470 12 34 56', { phone: '+32 470 12 34 56' }],
    ['geen idee', undefined],
  ])('the postcode or phone number in "%s"', (text, expected) => {
    expect(proofIn(text)).toEqual(expected);
  });
});
