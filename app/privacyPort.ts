import type { PeoplePort, PrivacyNotice, PrivacyRequests } from '../dialogs/dialogServices';
import type { ErasureService } from '../services/privacy/erasureService';

/**
 * {@link PrivacyRequests} with a database: the opt-out as the profile records it (`Person.optedOutAt`),
 * an erasure request recorded for the {@link ErasureService} (carried out once the confirmation has
 * left the outbox), and the notice's configuration.
 */
export function privacyPort(profile: Pick<PrivacyRequests, 'optOut'>, people: PeoplePort, erasures: ErasureService, notice: PrivacyNotice): PrivacyRequests {
  return {
    optOut: (context) => profile.optOut(context),
    requestErasure: async (context) => erasures.request(await people.personIdFor(context), 'citizen'),
    notice,
  };
}
