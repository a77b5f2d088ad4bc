import { Injectable } from '@nestjs/common';
import { StreamTargetGuard } from '@mini-crm/api/core';
import { ImportsService } from './imports.service';

/** 400/404 for the events of a malformed or unknown import id, before the stream opens. */
@Injectable()
export class ImportStreamTargetGuard extends StreamTargetGuard {
  constructor(private readonly imports: ImportsService) {
    super();
  }

  protected ensureExists(id: string) {
    return this.imports.get(id);
  }
}
