import type { TurnContext } from 'botbuilder';
import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { BrusselsTime } from '../../i18n/brusselsTime';
import { longDate } from '../../i18n/dateText';
import { ReferenceCode } from '../../services/booking/referenceCode';
import type { RepairView } from '../../services/repair/repairService';
import { DialogServices } from '../dialogServices';
import { InterruptibleDialog } from '../interruptibleDialog';
import { isAnonymousChannel, OwnershipAccess } from '../ownershipAccess';
import { REPAIR_STATUS_DIALOG } from './repairIds';

export { REPAIR_STATUS_DIALOG };

/** Requests shown: the newest ones. */
export const REPAIRS_SHOWN = 3;

const STATUS_WATERFALL = 'REPAIR_STATUS_WATERFALL';

/**
 * "Waar is mijn herstelling?", "où est ma réparation ?": each repair request's status in plain
 * words (booked in for a day at a place, with the loans coordinator, being repaired, ready to pick
 * up, not repairable). On web chat only the requests made in this conversation (a shared computer
 * shows nothing else).
 */
export class RepairStatusDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(REPAIR_STATUS_DIALOG, services);
    this.addDialog(new WaterfallDialog(STATUS_WATERFALL, [this.overviewStep.bind(this)]));
    this.initialDialogId = STATUS_WATERFALL;
  }

  private async overviewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const requests = await this.visible(step.context);
    if (requests.length === 0) {
      await step.context.sendActivity(this.text(step.context, isAnonymousChannel(step.context) ? 'repair.status.noneHere' : 'repair.status.none'));
      return step.endDialog();
    }
    const lines = requests.slice(0, REPAIRS_SHOWN).map((request) => this.describe(step.context, request));
    await step.context.sendActivity([this.text(step.context, 'repair.status.intro'), ...lines].join('\n'));
    return step.endDialog();
  }

  /** One request in plain words: `repair.status.<status>`. */
  private describe(context: TurnContext, request: RepairView): string {
    const language = this.services.languages.current(context);
    const key = request.status === 'received' && !request.moment ? 'repair.status.receivedLoaned' : `repair.status.${request.status}`;
    return this.text(context, key, {
      reference: ReferenceCode.format(request.reference),
      kind: this.text(context, `repair.kinds.${request.deviceKind}`),
      date: request.moment ? longDate(language, BrusselsTime.localDate(request.moment.startsAt)) : '',
      place: request.loaned && !request.moment ? request.location.digibank.name : request.location.name,
    });
  }

  /** On WhatsApp and SMS the person's requests; on web chat those made in this conversation. */
  private async visible(context: TurnContext): Promise<RepairView[]> {
    const { repairs } = this.services.repairs;
    if (isAnonymousChannel(context)) return repairs.byIds(await OwnershipAccess.granted(context, 'repairs'));
    return repairs.forPerson(await this.services.people.personIdFor(context), this.services.clock());
  }
}
