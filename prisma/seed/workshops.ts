// Demo workshops: for every demo digibank, at its first location that gives training, a weekly
// smartphone course for beginners (four sessions: one registration) and two single workshops
// (itsme, online banking), in the languages the location speaks. Clearly marked DEMO.
import type { PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime, LocalDate } from '../../i18n/brusselsTime';
import { WorkshopAdmin, WorkshopInput } from '../../services/workshops/workshopAdmin';
import { WorkshopService } from '../../services/workshops/workshopService';
import type { InstructionLanguage } from '../../services/workshops/workshopView';

type Demo = Omit<WorkshopInput, 'locationId' | 'language' | 'sessions'> & { firstDay: number; time: string; minutes: number; weeks: number };

const DEMOS: Demo[] = [
  {
    title: { nl: 'Je smartphone leren gebruiken (DEMO)', fr: 'Apprendre à utiliser son smartphone (DEMO)', en: 'Learn to use your smartphone (DEMO)' },
    description: {
      nl: 'Vier lessen voor beginners: bellen, berichten, foto\'s, apps installeren en veilig blijven.',
      fr: 'Quatre séances pour débutants : appeler, envoyer des messages, photos, installer des applis et rester en sécurité.',
      en: 'Four sessions for beginners: calls, messages, photos, installing apps and staying safe.',
    },
    whatToBring: { nl: 'je smartphone, de oplader en je codes (opgeschreven, voor jezelf)', fr: 'votre smartphone, le chargeur et vos codes (notés, pour vous)', en: 'your smartphone, its charger and your codes (written down, for yourself)' },
    topic: 'smartphone_basics', level: 'beginner', seats: 40, firstDay: 3, time: '14:00', minutes: 120, weeks: 4,
  },
  {
    title: { nl: 'Aan de slag met itsme (DEMO)', fr: 'Bien commencer avec itsme (DEMO)', en: 'Getting started with itsme (DEMO)' },
    description: { nl: 'itsme installeren en gebruiken om aan te melden bij de overheid.', fr: 'Installer itsme et s\'en servir pour se connecter aux services publics.', en: 'Install itsme and use it to log in to government services.' },
    whatToBring: { nl: 'je identiteitskaart, je pincode en je smartphone', fr: 'votre carte d\'identité, votre code PIN et votre smartphone', en: 'your identity card, its PIN code and your smartphone' },
    topic: 'eid_itsme', level: 'beginner', seats: 12, firstDay: 5, time: '10:00', minutes: 90, weeks: 1,
  },
  {
    title: { nl: 'Veilig online bankieren (DEMO)', fr: 'La banque en ligne en toute sécurité (DEMO)', en: 'Safe online banking (DEMO)' },
    description: { nl: 'Je bankapp gebruiken en oplichting herkennen.', fr: 'Utiliser l\'appli de sa banque et reconnaître les arnaques.', en: 'Use your banking app and recognise scams.' },
    whatToBring: { nl: 'je smartphone en je bankkaart', fr: 'votre smartphone et votre carte bancaire', en: 'your smartphone and your bank card' },
    topic: 'banking', level: 'intermediate', seats: 12, priceCents: 500, firstDay: 8, time: '13:30', minutes: 120, weeks: 1,
  },
];

/**
 * Adds the demo workshops when no demo workshop is still to come (a fresh demo database, or one
 * whose demo workshops are all past). Safe to call on every start.
 */
export async function seedDemoWorkshops(prisma: PrismaClient, now: Date): Promise<number> {
  if (await prisma.workshop.count({ where: { isDemo: true, endsAt: { gt: now } } })) return 0;
  const admin = new WorkshopAdmin(prisma, new WorkshopService(prisma));
  const locations = await prisma.location.findMany({ where: { isDemo: true, active: true, services: { has: 'training' } }, orderBy: { name: 'asc' } });
  const firstPerBank = [...new Map(locations.reverse().map((location) => [location.digibankId, location])).values()];
  const today = BrusselsTime.localDate(now);
  let created = 0;
  for (const location of firstPerBank) {
    const languages = location.languages.filter((l): l is InstructionLanguage => ['nl', 'fr', 'en'].includes(l));
    for (const [i, language] of (languages.length ? languages : (['nl'] as InstructionLanguage[])).entries()) {
      for (const demo of DEMOS) {
        const first: LocalDate = BrusselsTime.addDays(today, demo.firstDay + i);
        const { firstDay: _f, time, minutes, weeks, ...input } = demo;
        const result = await admin.create(location.digibankId, { ...input, locationId: location.id, language, sessions: WorkshopAdmin.weekly(first, time, minutes, weeks) }, { isDemo: true });
        if (result.kind === 'saved') created++;
      }
    }
  }
  return created;
}
