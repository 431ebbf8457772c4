
/** A place's name in French and English where it has one of its own; otherwise the Dutch name is used. */
interface OtherNames {
  readonly fr?: string;
  readonly en?: string;
}

/**
 * The French and English names of Belgian municipalities (official names, Dutch first as the
 * database keeps them), for the digibanks' towns and the places around them. A town without an
 * entry keeps its own name in every language.
 */
const NAMES: Readonly<Record<string, OtherNames>> = {
  Brussel: { fr: 'Bruxelles', en: 'Brussels' },
  'Brussel-Stad': { fr: 'Bruxelles-Ville', en: 'Brussels' },
  Antwerpen: { fr: 'Anvers', en: 'Antwerp' },
  Gent: { fr: 'Gand', en: 'Ghent' },
  Leuven: { fr: 'Louvain' },
  Kortrijk: { fr: 'Courtrai' },
  Tongeren: { fr: 'Tongres' },
  Borgloon: { fr: 'Looz' },
  'Tongeren-Borgloon': { fr: 'Tongres-Looz' },
  Ieper: { fr: 'Ypres', en: 'Ypres' },
  Diksmuide: { fr: 'Dixmude' },
  Poperinge: { fr: 'Poperinghe' },
  Veurne: { fr: 'Furnes' },
  Brugge: { fr: 'Bruges', en: 'Bruges' },
  Oostende: { fr: 'Ostende', en: 'Ostend' },
  Mechelen: { fr: 'Malines' },
  Aalst: { fr: 'Alost' },
  Lier: { fr: 'Lierre' },
  Menen: { fr: 'Menin' },
  Roeselare: { fr: 'Roulers' },
  Oudenaarde: { fr: 'Audenarde' },
  Geraardsbergen: { fr: 'Grammont' },
  Ronse: { fr: 'Renaix' },
  'Sint-Niklaas': { fr: 'Saint-Nicolas' },
  Dendermonde: { fr: 'Termonde' },
  Tienen: { fr: 'Tirlemont' },
  'Sint-Truiden': { fr: 'Saint-Trond' },
  Halle: { fr: 'Hal' },
  Vilvoorde: { fr: 'Vilvorde' },
  Luik: { fr: 'Liège', en: 'Liège' },
  Namen: { fr: 'Namur', en: 'Namur' },
  Bergen: { fr: 'Mons', en: 'Mons' },
  Doornik: { fr: 'Tournai', en: 'Tournai' },
  'Sint-Jans-Molenbeek': { fr: 'Molenbeek-Saint-Jean' },
  Schaarbeek: { fr: 'Schaerbeek' },
  Elsene: { fr: 'Ixelles' },
  'Sint-Gillis': { fr: 'Saint-Gilles' },
  Vorst: { fr: 'Forest' },
  Ukkel: { fr: 'Uccle' },
  Oudergem: { fr: 'Auderghem' },
  'Sint-Joost-ten-Node': { fr: 'Saint-Josse-ten-Noode' },
  'Sint-Lambrechts-Woluwe': { fr: 'Woluwe-Saint-Lambert' },
  'Sint-Pieters-Woluwe': { fr: 'Woluwe-Saint-Pierre' },
  'Watermaal-Bosvoorde': { fr: 'Watermael-Boitsfort' },
  'Sint-Agatha-Berchem': { fr: 'Berchem-Sainte-Agathe' },
};

/** The base language of a conversation language (`nl-simple` → `nl`, `fr-simple` → `fr`). */
function baseOf(language: string): 'nl' | 'fr' | 'en' {
  const base = language.split('-')[0];
  return base === 'fr' || base === 'en' ? base : 'nl';
}

/** Escapes a name for use inside a regular expression. */
function escaped(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Place names in the person's language: "Brussel" is "Bruxelles" in French and "Brussels" in English. */
export const PlaceNames = {
  /** A municipality's name in a language (its own name when it has no other one). */
  of(municipality: string, language: string): string {
    const base = baseOf(language);
    return base === 'nl' ? municipality : (NAMES[municipality]?.[base] ?? municipality);
  },

  /** A municipality's names in the other languages ("Kortrijk" → ["Courtrai"]): a French speaker types "Courtrai". */
  others(municipality: string): string[] {
    const names = NAMES[municipality];
    return names ? [...new Set([names.fr, names.en].filter((name): name is string => !!name))] : [];
  },

  /**
   * A location as shown to a person of that language: the municipality, and that name where it
   * stands as a word in the location's own name ("Digibank Brussel - centrum" → "Digibank Bruxelles - centrum").
   */
  localized<T extends { municipality: string; name: string }>(location: T, language: string): T {
    const municipality = PlaceNames.of(location.municipality, language);
    if (municipality === location.municipality) return location;
    const inName = new RegExp(`(^|[\\s(])${escaped(location.municipality)}(?=$|[\\s),-])`, 'g');
    return { ...location, municipality, name: location.name.replace(inName, `$1${municipality}`) };
  },
};
