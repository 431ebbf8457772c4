import { typedPostcode } from '../../../../dialogs/booking/appointmentText';

describe('typedPostcode', () => {
  test.each([
    ['8500', '8500'],
    ['8500 Kortrijk', '8500'],
    ['Kerkstraat 12, 8500 Kortrijk', '8500'],
    ['8 500', '8500'],
    ['8.500', '8500'],
    ['mijn postcode is 2 000', '2000'],
    ['Kortrijk', undefined],
    ['12', undefined],
    ['0800 123 45', undefined],
    ['1 2 3 4', undefined],
    ['3,500', undefined],
  ])('%s → %s', (text, postcode) => {
    expect(typedPostcode(text)).toBe(postcode);
  });
});
