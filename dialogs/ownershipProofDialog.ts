import { DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { ReferenceCode } from '../services/booking/referenceCode';
import { OwnershipProof, phoneDigits } from '../services/ownershipProof';
import { typedPostcode } from './booking/appointmentText';
import { OWNERSHIP_PROOF_DIALOG } from './dialogIds';
import { DialogServices } from './dialogServices';
import { InterruptibleDialog } from './interruptibleDialog';
import { OwnedKind, OwnershipAccess, WRONG_IN_A_ROW } from './ownershipAccess';
import { isTap, stepValues } from './prompts';

export { OWNERSHIP_PROOF_DIALOG };

/** Options: what is to be proved, and the code when the person already typed it. */
export interface OwnershipProofOptions {
  readonly kind: OwnedKind;
  readonly reference?: string;
}

/** How the proof ends: the id of the appointment or loan request proved, or nothing (the dialog said why). */
export interface OwnershipProofResult {
  readonly id: string;
}

/** Unclear answers to one question (not a code, not a postcode or phone number) before a person is offered. */
const UNCLEAR_ATTEMPTS = 3;

const PROOF_WATERFALL = 'OWNERSHIP_PROOF_STEPS';
const CODE_PROMPT = 'OWNERSHIP_PROOF_CODE';
const SECRET_PROMPT = 'OWNERSHIP_PROOF_SECRET';

/** A code inside a sentence: three and three characters of the codes' alphabet ("K7M-4QX", "k7m 4qx"). */
const CODE_IN_TEXT = /(?<![A-Za-z0-9])([2-9A-HJ-NP-Za-hj-np-z]{3})[\s\-_.]?([2-9A-HJ-NP-Za-hj-np-z]{3})(?![A-Za-z0-9])/g;

/**
 * Web chat's "is it yours?": the reference code of an appointment or a loan request, then the
 * postcode of its place (or of the home visit) or the phone number it was made from on WhatsApp or
 * SMS. Both typed in one message work too ("K7M-4QX 8900"). A wrong pair is never told apart from
 * an unknown code; {@link WRONG_IN_A_ROW} wrong pairs bring the offer of a person, and after
 * `WRONG_PER_CONVERSATION` no more codes are checked in the conversation (codes cannot be guessed).
 * Ends with {@link OwnershipProofResult}, the conversation then being allowed to show it.
 */
export class OwnershipProofDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(OWNERSHIP_PROOF_DIALOG, services);
    this.addDialog(new TextPrompt(CODE_PROMPT, (prompt) => this.validate(prompt, (text) => !!referenceIn(text))))
      .addDialog(new TextPrompt(SECRET_PROMPT, (prompt) => this.validate(prompt, (text) => !!proofIn(text))))
      .addDialog(new WaterfallDialog<OwnershipProofOptions>(PROOF_WATERFALL, [this.codeStep.bind(this), this.secretStep.bind(this), this.checkStep.bind(this)]));
    this.initialDialogId = PROOF_WATERFALL;
  }

  private async codeStep(step: WaterfallStepContext<OwnershipProofOptions>): Promise<DialogTurnResult> {
    if (await OwnershipAccess.exhausted(step.context)) return this.locked(step);
    if (step.options.reference) return step.next(step.options.reference);
    const ask = this.text(step.context, `proof.askCode.${step.options.kind}`);
    return step.prompt(CODE_PROMPT, { prompt: ask, retryPrompt: `${this.text(step.context, 'proof.codeRetry')}\n${ask}` });
  }

  private async secretStep(step: WaterfallStepContext<OwnershipProofOptions>): Promise<DialogTurnResult> {
    const typed = String(step.result ?? '');
    const reference = referenceIn(typed);
    if (!reference) return this.offerPerson(step, 'proof.stuck');
    const v = stepValues<{ reference?: string }>(step);
    v.reference = reference;
    const together = proofIn(withoutReference(typed));
    if (together) return step.next(together);
    const ask = this.text(step.context, `proof.askSecret.${step.options.kind}`, { reference: ReferenceCode.format(reference) });
    return step.prompt(SECRET_PROMPT, { prompt: ask, retryPrompt: `${this.text(step.context, 'proof.secretRetry')}\n${ask}` });
  }

  private async checkStep(step: WaterfallStepContext<OwnershipProofOptions>): Promise<DialogTurnResult> {
    const proof = typeof step.result === 'object' && step.result ? (step.result as OwnershipProof) : proofIn(String(step.result ?? ''));
    if (!proof) return this.offerPerson(step, 'proof.stuck');
    const { reference } = stepValues<{ reference?: string }>(step);
    const id = await this.find(step.options.kind, reference as string, proof);
    if (id) {
      await OwnershipAccess.grant(step.context, step.options.kind, id);
      return step.endDialog({ id } satisfies OwnershipProofResult);
    }
    return this.wrong(step);
  }

  /** The id of what the code and proof name, or undefined. */
  private async find(kind: OwnershipProofOptions['kind'], reference: string, proof: OwnershipProof): Promise<string | undefined> {
    if (kind === 'loans') return (await this.services.loans.loans.findByProof(reference, proof))?.id;
    if (kind === 'workshops') return (await this.services.workshops.workshops.findByProof(reference, proof, this.services.clock()))?.id;
    return (await this.services.booking.bookings.findByProof(reference, proof, this.services.clock()))?.id;
  }

  /** A wrong pair: try again, after three in a row the offer of a person, after too many no more tries here. */
  private async wrong(step: WaterfallStepContext<OwnershipProofOptions>): Promise<DialogTurnResult> {
    const { inARow } = await OwnershipAccess.wrongAnswer(step.context);
    if (await OwnershipAccess.exhausted(step.context)) return this.locked(step);
    if (inARow >= WRONG_IN_A_ROW) {
      await OwnershipAccess.resetInARow(step.context);
      await step.context.sendActivity(this.text(step.context, `proof.wrongAgain.${step.options.kind}`));
      return this.offerPerson(step, 'proof.stuck');
    }
    await step.context.sendActivity(this.text(step.context, `proof.wrong.${step.options.kind}`));
    return step.replaceDialog(PROOF_WATERFALL, { kind: step.options.kind } satisfies OwnershipProofOptions);
  }

  /** Too many wrong answers in this conversation: no more checks here; a person can help. */
  private async locked(step: WaterfallStepContext<OwnershipProofOptions>): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.text(step.context, 'proof.locked'));
    return this.offerPerson(step, 'proof.stuck');
  }

  private async validate(prompt: PromptValidatorContext<string>, fits: (text: string) => boolean): Promise<boolean> {
    if (prompt.attemptCount >= UNCLEAR_ATTEMPTS) return true;
    if (isTap(prompt.context.activity)) return this.staleTap(prompt.context);
    return fits(prompt.recognized.value ?? '');
  }
}

/** The first valid reference code in a message, unformatted, or undefined. */
export function referenceIn(text: string): string | undefined {
  const whole = ReferenceCode.normalize(text);
  if (whole) return whole;
  for (const match of text.matchAll(CODE_IN_TEXT)) {
    const code = ReferenceCode.normalize(`${match[1]}${match[2]}`);
    if (code) return code;
  }
  return undefined;
}

/** The message without its reference code (what may follow it: a postcode or a phone number). */
function withoutReference(text: string): string {
  const whole = ReferenceCode.normalize(text);
  if (whole) return '';
  return text.replace(CODE_IN_TEXT, (found, a: string, b: string) => (ReferenceCode.normalize(`${a}${b}`) ? ' ' : found));
}

/** A phone number (9 or more digits) or else a postcode in a message, or undefined. */
export function proofIn(text: string): OwnershipProof | undefined {
  const phone = /\+?[\d][\d\s./()-]{7,}\d/.exec(text)?.[0];
  if (phone && phoneDigits(phone)) return { phone };
  const postcode = typedPostcode(text);
  return postcode ? { postcode } : undefined;
}
