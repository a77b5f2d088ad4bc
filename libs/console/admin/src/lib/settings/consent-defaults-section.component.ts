import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { apiUrl } from '@mini-crm/console/core';
import { errorMessage } from '@mini-crm/console/ui';
import type { ConsentSettingsDto, ImportConsentStatus } from '@mini-crm/contracts';

/**
 * Admin › Settings › Consent: what the import wizard preselects for new customers whose row has no consent value.
 * The person importing still sees and confirms the choice per file.
 */
@Component({
  selector: 'crm-consent-defaults-section',
  imports: [MatButtonModule, MatCardModule, MatFormFieldModule, MatSelectModule, MatSnackBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="section" data-testid="consent-defaults">
      <h2>Consent of imported customers</h2>
      <p class="muted">
        What new customers get on a channel when their row has no consent value. Imports never re-subscribe anyone.
      </p>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <div class="row">
        <mat-form-field>
          <mat-label>Email</mat-label>
          <mat-select [value]="email()" (valueChange)="email.set($event)" data-testid="consent-default-email">
            <mat-option value="subscribed">Subscribed</mat-option>
            <mat-option value="unsubscribed">Unsubscribed</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>SMS</mat-label>
          <mat-select [value]="sms()" (valueChange)="sms.set($event)" data-testid="consent-default-sms">
            <mat-option value="subscribed">Subscribed</mat-option>
            <mat-option value="unsubscribed">Unsubscribed</mat-option>
          </mat-select>
        </mat-form-field>
        <button mat-flat-button type="button" (click)="save()" [disabled]="saving()" data-testid="consent-default-save">
          Save
        </button>
      </div>
    </mat-card>
  `,
  styles: `
    .section {
      padding: 16px 24px;
      margin-bottom: 24px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      align-items: baseline;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ConsentDefaultsSectionComponent {
  private readonly http = inject(HttpClient);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly email = signal<ImportConsentStatus>('subscribed');
  protected readonly sms = signal<ImportConsentStatus>('subscribed');
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.http.get<ConsentSettingsDto>(apiUrl('/settings/consent')).subscribe({
      next: (s) => {
        this.email.set(s.importEmailStatus);
        this.sms.set(s.importSmsStatus);
      },
      error: (err: unknown) => this.error.set(errorMessage(err)),
    });
  }

  protected save(): void {
    this.saving.set(true);
    this.http
      .put<ConsentSettingsDto>(apiUrl('/settings/consent'), {
        importEmailStatus: this.email(),
        importSmsStatus: this.sms(),
      })
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.error.set(null);
          this.snackBar.open('Consent defaults saved', 'OK', { duration: 3000 });
        },
        error: (err: unknown) => {
          this.saving.set(false);
          this.error.set(errorMessage(err));
        },
      });
  }
}
