import type { LocationView } from '../../../../services/booking/locationService';
import { PlaceNames } from '../../../../services/booking/placeNames';

const location = (municipality: string, name: string): LocationView => ({
  id: 'l', digibankId: 'd', digibankName: 'Digibank', name, address: 'Voorbeeldstraat 1', postcode: '1000', municipality,
  province: 'Brussel', latitude: 0, longitude: 0, services: [], languages: [], phone: null, isDemo: true, openingHours: [],
});

describe('place names in the person\'s language', () => {
  test.each([
    ['Brussel', 'fr', 'Bruxelles'], ['Brussel', 'en', 'Brussels'], ['Brussel', 'nl', 'Brussel'], ['Brussel', 'nl-simple', 'Brussel'],
    ['Antwerpen', 'fr', 'Anvers'], ['Antwerpen', 'en', 'Antwerp'],
    ['Gent', 'fr', 'Gand'], ['Gent', 'en', 'Ghent'],
    ['Leuven', 'fr', 'Louvain'], ['Leuven', 'en', 'Leuven'],
    ['Kortrijk', 'fr', 'Courtrai'], ['Tongeren', 'fr', 'Tongres'], ['Ieper', 'en', 'Ypres'],
    ['Geel', 'fr', 'Geel'],
  ])('%s in %s is %s', (municipality, language, expected) => {
    expect(PlaceNames.of(municipality, language)).toBe(expected);
  });

  test('the town inside a location name follows, other words stay', () => {
    const shown = PlaceNames.localized(location('Brussel', 'Digibank Brussel - centrum (DEMO)'), 'fr');
    expect(shown).toMatchObject({ municipality: 'Bruxelles', name: 'Digibank Bruxelles - centrum (DEMO)' });
    expect(PlaceNames.localized(location('Gent', 'Digipunt Gent-Ledeberg (DEMO)'), 'fr').name).toBe('Digipunt Gand-Ledeberg (DEMO)');
    expect(PlaceNames.localized(location('Gent', 'Digipunt Gentbrugge (DEMO)'), 'fr').name).toBe('Digipunt Gentbrugge (DEMO)');
  });
});
