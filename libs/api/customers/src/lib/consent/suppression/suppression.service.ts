import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type {
  AddSuppressionDto,
  SuppressionDto,
  SuppressionInputDto,
  SuppressionPageDto,
  SuppressionReason,
} from '@mini-crm/contracts';
import type { DbOrTx } from '@mini-crm/db';
import {
  APP_CONFIG,
  AuditService,
  decodeCursor,
  encodeCursor,
  type AppConfig,
  type AuthUser,
} from '@mini-crm/api/core';
import { contactHash, normalizeContact, suppressionSecret } from './suppression-hash.util';
import { SuppressionsRepository } from './suppressions.repository';

type Channel = 'email' | 'sms';

/**
 * The global suppression list: keyed hashes of contact points that must never be messaged on a
 * channel. Written when a person unsubscribes, sends STOP, is blocklisted or is erased while
 * unsubscribed; read at audience snapshot and at send. Entries hold no contact point.
 */
@Injectable()
export class SuppressionService {
  private readonly key: string;

  constructor(
    private readonly repo: SuppressionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.key = suppressionSecret(config);
  }

  /** Hash of a stored (already normalized) contact point. */
  hash(normalized: string): string {
    return contactHash(this.key, normalized);
  }

  /** Suppresses a stored contact point (no-op for null or one already listed). */
  async suppress(
    channel: Channel,
    contact: string | null,
    reason: SuppressionReason,
    tx?: DbOrTx,
    actorId?: string | null,
  ): Promise<void> {
    if (!contact) return;
    await this.repo.add([{ channel, hash: this.hash(contact), reason, createdBy: actorId ?? null }], tx);
  }

  /** Lifts a stored contact point's entry (an explicit re-subscription, START). */
  async lift(channel: Channel, contact: string | null, tx?: DbOrTx): Promise<void> {
    if (contact) await this.repo.remove(channel, this.hash(contact), tx);
  }

  /** The recipients (stored contact points) of this channel that are on the list. */
  async suppressedAmong(channel: Channel, recipients: Array<string | null>, tx?: DbOrTx): Promise<Set<string>> {
    const byHash = new Map<string, string>();
    for (const r of recipients) if (r) byHash.set(this.hash(r), r);
    if (byHash.size === 0) return new Set();
    const hit = await this.repo.present(channel, [...byHash.keys()], tx);
    return new Set([...hit].map((h) => byHash.get(h) as string));
  }

  anyOn(channel: Channel, tx?: DbOrTx): Promise<boolean> {
    return this.repo.any(channel, tx);
  }

  async list(limit: number, cursor?: string): Promise<SuppressionPageDto> {
    const after = decodeCursor(cursor, 3);
    const rows = await this.repo.list(limit, after ? [String(after[0]), String(after[1]), String(after[2])] : null);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(
        (r): SuppressionDto => ({
          channel: r.channel as Channel,
          hashPrefix: r.hash.slice(0, 12),
          reason: r.reason as SuppressionReason,
          createdAt: r.createdAt.toISOString(),
        }),
      ),
      nextCursor: rows.length > limit && last ? encodeCursor([last.key, last.channel, last.hash]) : null,
    };
  }

  /** Admin: adds a contact point typed by a person. Answers whether it was new. */
  async add(input: AddSuppressionDto, actor: AuthUser): Promise<{ added: boolean; hashPrefix: string }> {
    const hash = this.hash(this.normalized(input));
    const added = (await this.repo.add([{ channel: input.channel, hash, reason: 'admin', createdBy: actor.id }])) > 0;
    await this.audit.record({
      actor,
      action: 'suppression.added',
      entity: 'suppression',
      entityId: hash.slice(0, 12),
      diff: { channel: input.channel, ...(input.note ? { note: input.note } : {}) },
    });
    return { added, hashPrefix: hash.slice(0, 12) };
  }

  /** Admin: removes a contact point's entry (404 when it is not listed). */
  async remove(input: SuppressionInputDto, actor: AuthUser): Promise<void> {
    const hash = this.hash(this.normalized(input));
    if (!(await this.repo.remove(input.channel, hash)))
      throw new NotFoundException(
        `This ${input.channel === 'email' ? 'email address' : 'phone number'} is not on the suppression list`,
      );
    await this.audit.record({
      actor,
      action: 'suppression.removed',
      entity: 'suppression',
      entityId: hash.slice(0, 12),
      diff: { channel: input.channel },
    });
  }

  private normalized(input: SuppressionInputDto): string {
    const value = normalizeContact(input.channel, input.value, this.config.defaults.country);
    if (value === null)
      throw new BadRequestException({
        message: 'Validation failed',
        details: [
          {
            path: 'value',
            message:
              input.channel === 'email' ? 'value must be a valid email address' : 'value must be a valid phone number',
          },
        ],
      });
    return value;
  }
}
