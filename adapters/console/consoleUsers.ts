import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import type { ConsoleRole, ConsoleUserView } from './consoleGuard';
import { userView } from './consoleAuth';
import { ConsoleHttpError } from './consoleHttp';
import type { PasswordHasher } from './passwordHasher';

/** Languages of the console and of the volunteers' answers. */
export const CONSOLE_LANGUAGES = ['nl', 'fr', 'en'] as const;
/** Passwords are at least this long (no composition rules: length is what counts). */
export const MIN_PASSWORD_LENGTH = 12;

const password = z.string().min(MIN_PASSWORD_LENGTH, { message: `at least ${MIN_PASSWORD_LENGTH} characters` }).max(200);
const languages = z.array(z.enum(CONSOLE_LANGUAGES)).max(3).transform((list) => [...new Set(list)]);

/** `POST /console/api/users`. */
export const newUserSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._@-]{2,63}$/, { message: '3 to 64 letters, digits, . _ @ -' }),
  password,
  role: z.enum(['admin', 'coordinator', 'volunteer']),
  digibankId: z.string().uuid().nullable().optional(),
  languages: languages.default([]),
  displayName: z.string().trim().min(1).max(60).optional(),
  uiLanguage: z.enum(CONSOLE_LANGUAGES).optional(),
});

/** `PATCH /console/api/users/:id`. */
export const userPatchSchema = z.object({
  displayName: z.string().trim().min(1).max(60).optional(),
  languages: languages.optional(),
  uiLanguage: z.enum(CONSOLE_LANGUAGES).optional(),
  active: z.boolean().optional(),
  password: password.optional(),
  /** Administrators only: moves a coordinator's or volunteer's account to another digibank. */
  digibankId: z.string().uuid().optional(),
});

/** The administrator created on an empty database. */
export type BootstrapResult = { created: false } | { created: true; username: string; generatedPassword?: string };

/**
 * Console accounts: an administrator manages every account; a coordinator manages the volunteer
 * accounts of their own digibank; a volunteer manages none. Usernames are stored in lower case.
 */
export class ConsoleUsers {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * On an empty `console_user` table: the administrator from `username`/`password` when both are
   * given, else `admin` with a random password returned once (the caller prints it). Two processes
   * starting together create one account: the username is unique.
   */
  async bootstrapAdmin(username: string | undefined, password: string | undefined): Promise<BootstrapResult> {
    if ((await this.prisma.consoleUser.count()) > 0) return { created: false };
    const fromConfig = Boolean(username && password);
    const name = fromConfig ? (username as string).trim().toLowerCase() : 'admin';
    const secret = fromConfig ? (password as string) : randomBytes(18).toString('base64url');
    try {
      await this.prisma.consoleUser.create({ data: { username: name, passwordHash: await this.hasher.hash(secret), role: 'admin', languages: [...CONSOLE_LANGUAGES] } });
    } catch (error) {
      if (isUniqueViolation(error)) return { created: false };
      throw error;
    }
    return fromConfig ? { created: true, username: name } : { created: true, username: name, generatedPassword: secret };
  }

  /** Creates an account the actor may manage. */
  async create(actor: ConsoleUserView, input: z.infer<typeof newUserSchema>): Promise<ConsoleUserView> {
    const digibankId = input.role === 'admin' ? null : (input.digibankId ?? (actor.role === 'coordinator' ? actor.digibankId : null));
    this.checkManages(actor, input.role, digibankId);
    if (input.role !== 'admin') {
      if (!digibankId) throw new ConsoleHttpError(400, 'invalid_request', { field: 'digibankId', message: 'required for coordinators and volunteers' });
      if (!(await this.prisma.digibank.findUnique({ where: { id: digibankId }, select: { id: true } }))) throw new ConsoleHttpError(400, 'unknown_digibank');
    }
    try {
      const user = await this.prisma.consoleUser.create({
        data: {
          username: input.username,
          passwordHash: await this.hasher.hash(input.password),
          role: input.role,
          digibankId,
          displayName: input.displayName ?? input.username,
          languages: input.languages,
          uiLanguage: input.uiLanguage ?? actor.uiLanguage,
        },
      });
      return userView(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConsoleHttpError(409, 'username_taken');
      throw error;
    }
  }

  /** The accounts the actor can see: all (admin) or those of their digibank, active first. */
  async list(actor: ConsoleUserView): Promise<(ConsoleUserView & { active: boolean })[]> {
    const users = await this.prisma.consoleUser.findMany({
      where: actor.role === 'admin' ? {} : { digibankId: actor.digibankId },
      orderBy: [{ active: 'desc' }, { username: 'asc' }],
    });
    return users.map((user) => ({ ...userView(user), active: user.active }));
  }

  /** One account the actor can see, or undefined. */
  async find(actor: ConsoleUserView, id: string): Promise<ConsoleUserView | undefined> {
    const user = await this.prisma.consoleUser.findUnique({ where: { id } }).catch(() => null);
    if (!user || !user.active || (actor.role !== 'admin' && user.digibankId !== actor.digibankId)) return undefined;
    return userView(user);
  }

  /**
   * Changes an account: the actor's own display name and languages, or an account they manage.
   * @returns the account and whether its sessions must end (deactivated or new password).
   */
  async update(actor: ConsoleUserView, id: string, patch: z.infer<typeof userPatchSchema>): Promise<{ user: ConsoleUserView; endSessions: boolean }> {
    const target = await this.prisma.consoleUser.findUnique({ where: { id } }).catch(() => null);
    if (!target) throw new ConsoleHttpError(404, 'not_found');
    const own = target.id === actor.id;
    const managed = patch.active !== undefined || patch.password !== undefined;
    if (!own || managed) this.checkManages(actor, target.role as ConsoleRole, target.digibankId);
    if (own && patch.active === false) throw new ConsoleHttpError(409, 'cannot_deactivate_self');
    if (patch.digibankId !== undefined) await this.checkMove(actor, target.role, patch.digibankId);
    const user = await this.prisma.consoleUser.update({
      where: { id },
      data: {
        displayName: patch.displayName,
        languages: patch.languages,
        uiLanguage: patch.uiLanguage,
        active: patch.active,
        digibankId: patch.digibankId,
        ...(patch.password ? { passwordHash: await this.hasher.hash(patch.password) } : {}),
      },
    });
    return { user: userView(user), endSessions: patch.active === false || Boolean(patch.password) };
  }

  /** Changes the actor's own password after checking the current one. */
  async changeOwnPassword(actor: ConsoleUserView, current: string, next: string): Promise<void> {
    const user = await this.prisma.consoleUser.findUniqueOrThrow({ where: { id: actor.id } });
    if (!(await this.hasher.verify(current, user.passwordHash))) throw new ConsoleHttpError(403, 'wrong_password');
    await this.prisma.consoleUser.update({ where: { id: actor.id }, data: { passwordHash: await this.hasher.hash(next) } });
  }

  /** Only an administrator moves an account, and only a coordinator's or volunteer's, to an existing digibank. */
  private async checkMove(actor: ConsoleUserView, role: string, digibankId: string): Promise<void> {
    if (actor.role !== 'admin' || role === 'admin') throw new ConsoleHttpError(403, 'forbidden_role');
    if (!(await this.prisma.digibank.findUnique({ where: { id: digibankId }, select: { id: true } }))) throw new ConsoleHttpError(400, 'unknown_digibank');
  }

  private checkManages(actor: ConsoleUserView, role: ConsoleRole, digibankId: string | null): void {
    if (actor.role === 'admin') return;
    if (actor.role === 'coordinator' && role === 'volunteer' && digibankId === actor.digibankId) return;
    throw new ConsoleHttpError(403, actor.role === 'coordinator' && role === 'volunteer' ? 'forbidden_digibank' : 'forbidden_role');
  }
}

/** PostgreSQL unique violation (P2002 through Prisma). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Schemas of the password change. */
export const passwordChangeSchema = z.object({ currentPassword: z.string().max(200), newPassword: password });
