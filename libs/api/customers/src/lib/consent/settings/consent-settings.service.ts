import { Injectable } from '@nestjs/common';
import type { ConsentSettingsDto, ImportConsentStatus, UpdateConsentSettingsDto } from '@mini-crm/contracts';
import { AuditService, type AuthUser } from '@mini-crm/api/core';
import { ConsentSettingsRepository } from './consent-settings.repository';

/** Until an admin chooses, imported rows without a consent value are subscribed (the import form still asks). */
const DEFAULTS: ConsentSettingsDto = { importEmailStatus: 'subscribed', importSmsStatus: 'subscribed' };

@Injectable()
export class ConsentSettingsService {
  constructor(
    private readonly repo: ConsentSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<ConsentSettingsDto> {
    const row = await this.repo.get();
    if (!row) return { ...DEFAULTS };
    return {
      importEmailStatus: row.importEmailStatus as ImportConsentStatus,
      importSmsStatus: row.importSmsStatus as ImportConsentStatus,
    };
  }

  async update(input: UpdateConsentSettingsDto, actor: AuthUser): Promise<ConsentSettingsDto> {
    const before = await this.get();
    const next = { importEmailStatus: input.importEmailStatus, importSmsStatus: input.importSmsStatus };
    await this.repo.save(next, actor.id);
    await this.audit.record({
      actor,
      action: 'settings.consent_updated',
      entity: 'settings',
      entityId: 'consent',
      diff: { from: before, to: next },
    });
    return next;
  }
}
