import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import { AuthService, PRODUCT_NAME } from '@mini-crm/console/core';
import { errorMessage } from '@mini-crm/console/ui';

/** A pending user's only page: signed in, waiting for an admin; no navigation to data pages. */
@Component({
  selector: 'crm-waiting-approval-page',
  imports: [MatCardModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="backdrop">
      <mat-card class="card" appearance="outlined" data-testid="waiting-approval">
        <mat-icon class="icon">hourglass_top</mat-icon>
        <h1>Waiting for approval</h1>
        <p>
          You are signed in to {{ productName }} as <strong data-testid="waiting-email">{{ email() }}</strong
          >. An administrator has to approve your account before you can see any data.
        </p>
        @if (notice(); as message) {
          <p class="notice" role="status" data-testid="waiting-notice">{{ message }}</p>
        }
        <div class="actions">
          <button mat-flat-button type="button" (click)="check()" [disabled]="checking()" data-testid="waiting-check">
            <mat-icon>refresh</mat-icon>Check again
          </button>
          <button mat-button type="button" (click)="signOut()" data-testid="waiting-sign-out">Sign out</button>
        </div>
      </mat-card>
    </div>
  `,
  styles: `
    .backdrop {
      min-height: 100vh;
      display: grid;
      place-items: center;
      padding: 16px;
      box-sizing: border-box;
      background: var(--crm-page-background);
    }
    .card {
      width: 100%;
      max-width: 440px;
      padding: 32px;
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 12px;
      text-align: center;
      border-radius: 20px;
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    p {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .icon {
      font-size: 40px;
      width: 40px;
      height: 40px;
      color: var(--mat-sys-primary);
    }
    .actions {
      display: flex;
      gap: 8px;
      margin-top: 8px;
    }
  `,
})
export class WaitingApprovalPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly productName = PRODUCT_NAME;
  protected readonly email = () => this.auth.user()?.email ?? '';
  protected readonly checking = signal(false);
  protected readonly notice = signal<string | null>(null);

  /** Re-reads the account: once approved, the console opens. */
  protected check(): void {
    this.checking.set(true);
    this.notice.set(null);
    this.auth.reloadUser().subscribe({
      next: (me) => {
        this.checking.set(false);
        if (me.status === 'active') void this.router.navigateByUrl('/', { replaceUrl: true });
        else this.notice.set('Still waiting: no administrator has approved your account yet.');
      },
      error: (err: unknown) => {
        this.checking.set(false);
        this.notice.set(errorMessage(err));
      },
    });
  }

  protected signOut(): void {
    this.auth.signOut();
  }
}
