import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { LocationView } from '../../services/booking/locationService';
import { DEVICE_KINDS } from '../../services/loans/deviceKinds';
import { DONATION_DIALOG } from '../dialogIds';
import { DialogServices } from '../dialogServices';
import { LoanDialogBase, PlaceKeys, PlaceState } from './loanDialogBase';

export { DONATION_DIALOG };

/** What a person may offer: the lendable kinds and "something else". */
const DONATED_KINDS = [...DEVICE_KINDS, 'other'] as const;

/** What the donation carries from step to step. */
export interface DonationState extends PlaceState {
  readonly kind?: (typeof DONATED_KINDS)[number];
}

const DONATION_WATERFALL = 'DONATION_KIND';

/**
 * Offering an old device: which kind, where the person lives → the nearest drop-off places with
 * their opening hours (from the database), then the offer is registered for the coordinator and the
 * person learns what to remove first (files, accounts, factory reset) and to bring the charger.
 */
export class DonationDialog extends LoanDialogBase<DonationState> {
  protected override readonly placeKeys: PlaceKeys = { ask: 'loan.donation.askPlace', found: 'loan.donation.placesFound' };

  constructor(services: DialogServices) {
    super(DONATION_DIALOG, services);
    this.addDialog(new WaterfallDialog<DonationState>(DONATION_WATERFALL, [this.kindStep.bind(this), this.placeStep.bind(this)]));
    this.initialDialogId = DONATION_WATERFALL;
  }

  private kindTitles(step: WaterfallStepContext): string[] {
    return DONATED_KINDS.map((kind) => this.text(step.context, `loan.choices.${kind}`));
  }

  private async kindStep(step: WaterfallStepContext<DonationState>): Promise<DialogTurnResult> {
    return this.ask(step, this.text(step.context, 'loan.donation.askKind'), this.kindTitles(step));
  }

  private async placeStep(step: WaterfallStepContext<DonationState>): Promise<DialogTurnResult> {
    const index = this.chosen(step, this.kindTitles(step));
    if (index === undefined) return this.giveUp(step);
    return this.choosePlace(step, { kind: DONATED_KINDS[index] });
  }

  protected override async placeChosen(step: WaterfallStepContext<DonationState>, location: LocationView): Promise<DialogTurnResult> {
    await this.services.loans.donations.register(
      { personId: await this.services.people.personIdFor(step.context), digibankId: location.digibankId, locationId: location.id, deviceKind: step.options.kind ?? 'other' },
      this.services.clock(),
    );
    const language = this.services.languages.current(step.context);
    const registered = this.text(step.context, 'loan.donation.registered', {
      place: location.name,
      address: `${location.address}, ${location.postcode} ${location.municipality}`,
      hours: this.services.loans.formats.openingHours(language, location.openingHours),
    });
    await step.context.sendActivity(`${registered}\n\n${this.text(step.context, 'loan.donation.prepare')}`);
    return step.endDialog();
  }
}
