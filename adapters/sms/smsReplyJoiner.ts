import { randomUUID } from 'node:crypto';
import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import { smsBody } from './smsText';

/** What the SMS channel keeps in an activity's `channelData`. */
interface SmsChannelData {
  /** A message sent even to an opted-out number (the STOP confirmation). */
  smsControl?: boolean;
  [key: string]: unknown;
}

/**
 * The replies of one turn as one SMS activity: the texts one after the other with a blank line
 * between them, each earlier reply's choices written out as numbered lines; the last reply keeps
 * its choices, input hint and channel data (what the turn asks is what the next message answers,
 * and the kind of the last reply — a reminder — stays readable). A control message anywhere makes
 * the whole a control message (the STOP confirmation is still sent to an opted-out number).
 */
export function joinSmsReplies(replies: readonly Partial<Activity>[]): Partial<Activity> {
  if (replies.length === 1) return replies[0];
  const last = replies[replies.length - 1];
  const texts = [...replies.slice(0, -1).map(smsBody), last.text ?? ''].filter((text) => text.trim().length > 0);
  const channelData = replies.reduce<SmsChannelData>((merged, reply) => ({ ...merged, ...(reply.channelData as SmsChannelData | undefined) }), {});
  const control = replies.some((reply) => (reply.channelData as SmsChannelData | undefined)?.smsControl === true);
  const attachments = replies.flatMap((reply) => reply.attachments ?? []);
  return {
    ...last,
    text: texts.join('\n\n'),
    channelData: { ...channelData, smsControl: control || undefined, smsJoined: replies.length },
    ...(attachments.length ? { attachments } : {}),
  };
}

/** Activities the joiner holds back until the end of the turn: plain messages (not typing, events, traces). */
function joinable(activity: Partial<Activity>): boolean {
  return (activity.type ?? 'message') === 'message';
}

/**
 * Middleware of the SMS channel: the messages a turn sends are held until the turn ends, then
 * sent as ONE message ({@link joinSmsReplies}), so that a turn costs one SMS (of one or more
 * segments) instead of an answer plus the menu as a second SMS. Every other channel passes
 * untouched. The turn still counts as having responded (botbuilder's prompts read
 * `context.responded`), and an error ends the holding: what the error handler sends goes out as it is.
 */
export class SmsReplyJoiner implements Middleware {
  constructor(private readonly channelId: string) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId !== this.channelId) return next();
    const held: Partial<Activity>[] = [];
    let holding = true;
    context.onSendActivities(async (turn, activities, sendNext) => {
      if (!holding) return sendNext();
      const passing = activities.map((activity) => !joinable(activity));
      held.push(...activities.filter(joinable));
      // The array is the one botbuilder passes on: only what is not held goes to the adapter now.
      const passed = activities.filter((_activity, index) => passing[index]);
      activities.splice(0, activities.length, ...passed);
      // Nothing left to send now: the turn has responded all the same (what botbuilder would record).
      if (passed.length === 0) turn.responded = true;
      const sent = passed.length ? await sendNext() : [];
      let at = 0;
      return passing.map((passes): ResourceResponse => (passes ? sent[at++] ?? { id: randomUUID() } : { id: randomUUID() }));
    });
    try {
      await next();
    } finally {
      holding = false;
      if (held.length) await context.sendActivity(joinSmsReplies(held));
    }
  }
}
