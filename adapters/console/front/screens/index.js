// The console's screens, one module each, and who may open them. The navigation shows a screen only
// to the roles listed.
import { AccountScreen } from './account.js';
import { AppointmentsScreen } from './appointments.js';
import { AuditScreen } from './audit.js';
import { CallbacksScreen } from './callbacks.js';
import { CannedRepliesScreen } from './cannedReplies.js';
import { ConversationScreen } from './conversation.js';
import { DevicesScreen } from './devices.js';
import { DonationsScreen } from './donations.js';
import { HistoryScreen } from './history.js';
import { LoanScreen, LoansScreen } from './loans.js';
import { MineScreen, QueueScreen } from './queue.js';
import { PersonScreen } from './person.js';
import { ReportsScreen } from './reports.js';
import { UsersScreen } from './users.js';
import { WaitingListScreen } from './waitingList.js';
import { WorkshopScreen, WorkshopsScreen } from './workshops.js';

const EVERYONE = ['admin', 'coordinator', 'volunteer'];
const LEADS = ['admin', 'coordinator'];

/**
 * Route name → screen. `nav`: shown in the menu (in this order); `roles`: who may open it;
 * `href`: a page of its own instead of a screen; `id`: the menu link's id when it is not `nav-<name>`.
 */
export const SCREENS = [
  { name: 'queue', nav: true, roles: EVERYONE, component: QueueScreen },
  { name: 'mine', nav: true, roles: EVERYONE, component: MineScreen },
  { name: 'history', nav: true, roles: EVERYONE, component: HistoryScreen },
  { name: 'callbacks', nav: true, roles: EVERYONE, component: CallbacksScreen },
  { name: 'appointments', nav: true, roles: EVERYONE, component: AppointmentsScreen },
  { name: 'loans', nav: true, roles: EVERYONE, component: LoansScreen },
  { name: 'devices', nav: true, roles: EVERYONE, component: DevicesScreen },
  { name: 'waiting', nav: true, roles: EVERYONE, component: WaitingListScreen },
  { name: 'donations', nav: true, roles: EVERYONE, component: DonationsScreen },
  { name: 'workshops', nav: true, roles: EVERYONE, component: WorkshopsScreen },
  { name: 'reports', nav: true, roles: LEADS, component: ReportsScreen },
  { name: 'replies', nav: true, roles: LEADS, component: CannedRepliesScreen },
  { name: 'users', nav: true, roles: LEADS, component: UsersScreen },
  { name: 'account', nav: true, roles: EVERYONE, component: AccountScreen },
  { name: 'audit', nav: false, roles: ['admin'], component: AuditScreen },
  { name: 'conversation', nav: false, roles: EVERYONE, component: ConversationScreen },
  { name: 'person', nav: false, roles: EVERYONE, component: PersonScreen },
  { name: 'loan', nav: false, roles: EVERYONE, component: LoanScreen },
  { name: 'workshop', nav: false, roles: EVERYONE, component: WorkshopScreen },
];

/** The screens a role may open. */
export function screensFor(role) {
  return SCREENS.filter((screen) => screen.roles.includes(role));
}
