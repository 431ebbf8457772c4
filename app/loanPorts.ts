import type { PrismaClient } from '../generated/prisma/client';
import { longDate } from '../i18n/dateText';
import type { LoanPort } from '../dialogs/dialogServices';
import { LocationService } from '../services/booking/locationService';
import type { CitizenNotifier } from '../services/citizenNotifier';
import { DeviceService } from '../services/loans/deviceService';
import { DonationService } from '../services/loans/donationService';
import { LoanFormats, LoanOptions, LoanService } from '../services/loans/loanService';
import { BrusselsTime } from '../i18n/brusselsTime';
import { isLanguage, Language, Translator } from '../i18n/translator';

/**
 * Dates ("dinsdag 24 november") and opening hours ("ma 09:00-12:00, 13:00-16:00; wo 09:00-12:00",
 * weekday names from `loan.weekdays`) in a person's language.
 */
export function loanFormats(i18n: Translator): LoanFormats {
  const lang = (language: string): Language => (isLanguage(language) ? language : 'nl');
  return {
    date: (language, instant) => longDate(lang(language), BrusselsTime.localDate(instant)),
    openingHours: (language, hours) => {
      const days = i18n.list(lang(language), 'loan.weekdays');
      const byDay = new Map<number, string[]>();
      for (const period of hours) byDay.set(period.weekday, [...(byDay.get(period.weekday) ?? []), `${period.opensAt}-${period.closesAt}`]);
      return [...byDay].map(([weekday, times]) => `${days[weekday - 1] ?? weekday} ${times.join(', ')}`).join('; ');
    },
  };
}

/** The loan and donation services over one Prisma client, for the loan dialogs and the console. */
export function loanPort(prisma: PrismaClient, notifier: CitizenNotifier, i18n: Translator, options: LoanOptions): LoanPort {
  const formats = loanFormats(i18n);
  const loans = new LoanService(prisma, notifier, formats, options);
  return {
    loans,
    devices: new DeviceService(prisma, loans),
    donations: new DonationService(prisma, options.reach),
    locations: new LocationService(prisma),
    formats,
  };
}
