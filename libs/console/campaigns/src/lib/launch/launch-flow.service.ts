import { formatDate } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { CampaignDto } from '@mini-crm/contracts';
import { Observable, filter, switchMap } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';
import { LaunchConfirmDialogComponent, type LaunchConfirmData } from './launch-confirm-dialog.component';

/** Launch confirmation with the real numbers, then the launch. Nothing happens unless the user says yes. */
@Injectable({ providedIn: 'root' })
export class LaunchFlowService {
  private readonly api = inject(CampaignsApiService);
  private readonly dialog = inject(MatDialog);

  /**
   * Reads the campaign's current reach and estimate, asks, and launches (now, or at `at`). Emits the
   * launched campaign; completes without a value if the user backs out. Errors (409 nobody reachable,
   * 400 incomplete) come through as errors.
   */
  confirmAndLaunch(campaign: CampaignDto, at: Date | null, retryOfName?: string | null): Observable<CampaignDto> {
    return this.api.preview(campaign.id, 1).pipe(
      switchMap((preview) => {
        const data: LaunchConfirmData = {
          preview,
          audienceName: campaign.retryOf ? 'the failed recipients' : (campaign.segmentName ?? 'the segment'),
          when: at ? formatDate(at, 'EEE d MMM y, HH:mm', 'en-US') : null,
          retryOf: retryOfName ?? null,
        };
        return this.dialog
          .open<LaunchConfirmDialogComponent, LaunchConfirmData, boolean>(LaunchConfirmDialogComponent, {
            data,
            autoFocus: '[data-testid="launch-confirm-cancel"]',
          })
          .afterClosed();
      }),
      filter((ok) => ok === true),
      switchMap(() => this.api.launch(campaign.id, at ? { scheduledAt: at.toISOString() } : { now: true })),
    );
  }
}
