import type { PrismaClient } from '../generated/prisma/client';

/** Server-wide settings shared by every process through the database. */
export class SettingsService {
  constructor(private readonly prisma: PrismaClient) {}

  /** The stored value, or `create()`'s value stored now; the first process to store it wins. */
  async getOrCreate(key: string, create: () => string): Promise<string> {
    await this.prisma.appSetting.createMany({ data: [{ key, value: create() }], skipDuplicates: true });
    const row = await this.prisma.appSetting.findUniqueOrThrow({ where: { key } });
    return row.value;
  }
}
