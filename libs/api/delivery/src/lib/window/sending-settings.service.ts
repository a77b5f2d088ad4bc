import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { AuditService, type AuthUser } from '@mini-crm/api/core';
import {
  CAMPAIGN_CHANNELS,
  type CampaignChannel,
  type SendingWindow,
  type SendingWindowSettingsDto,
  type UpdateSendingWindowSettingsDto,
} from '@mini-crm/contracts';
import { SendingSettingsRepository } from './sending-settings.repository';
import { SENDING_WINDOW_CONFIG, type SendingWindowConfig } from './sending-window.config';
import { isKnownZone } from './recipient-zone.util';

/** How long a process trusts its copy of the settings: an admin's change reaches every worker within this. */
export const SETTINGS_TTL_MS = 2000;

/**
 * The workspace's sending settings: the admin-edited row over the environment defaults. Send jobs
 * read them per batch through a short per-process cache.
 */
@Injectable()
export class SendingSettingsService {
  private cached?: { value: SendingWindowSettingsDto; at: number };

  constructor(
    @Inject(SENDING_WINDOW_CONFIG) private readonly config: SendingWindowConfig,
    private readonly repo: SendingSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async effective(fresh = false): Promise<SendingWindowSettingsDto> {
    if (!fresh && this.cached && Date.now() - this.cached.at < SETTINGS_TTL_MS) return this.cached.value;
    const row = await this.repo.get();
    const stored = row?.windows ?? {};
    const tzFromRow = !!row?.timeZone && isKnownZone(row.timeZone);
    const value: SendingWindowSettingsDto = {
      timeZone: tzFromRow ? (row?.timeZone as string) : this.config.timeZone,
      sms: 'sms' in stored ? stored['sms'] : this.config.windows.sms,
      email: 'email' in stored ? stored['email'] : this.config.windows.email,
      source: {
        timeZone: tzFromRow ? 'settings' : 'config',
        sms: 'sms' in stored ? 'settings' : 'config',
        email: 'email' in stored ? 'settings' : 'config',
      },
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
    this.cached = { value, at: Date.now() };
    return value;
  }

  /** The window a campaign sends in: its own, else the workspace default of its channel (null: any time). */
  async windowFor(channel: CampaignChannel, own: SendingWindow | null | undefined): Promise<SendingWindow | null> {
    if (own) return own;
    return (await this.effective())[channel];
  }

  async update(body: UpdateSendingWindowSettingsDto, actor: AuthUser): Promise<SendingWindowSettingsDto> {
    if (body.timeZone !== undefined && !isKnownZone(body.timeZone))
      throw new BadRequestException({
        message: `Unknown time zone "${body.timeZone}"`,
        details: [{ path: 'timeZone', message: 'timeZone must be an IANA time zone such as Asia/Kolkata' }],
      });
    const windows: Record<string, SendingWindow | null> = {};
    for (const channel of CAMPAIGN_CHANNELS) {
      const w = body[channel];
      if (w !== undefined) windows[channel] = w === null ? null : { start: w.start, end: w.end };
    }
    await this.repo.update({ timeZone: body.timeZone, windows }, actor.id);
    await this.audit.record({
      actor,
      action: 'settings.sending_updated',
      entity: 'settings',
      entityId: null,
      diff: { ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}), ...windows },
    });
    return this.effective(true);
  }
}
