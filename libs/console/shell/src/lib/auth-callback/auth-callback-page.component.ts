import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AuthService, takeReturnUrl } from '@mini-crm/console/core';
import { errorMessage } from '@mini-crm/console/ui';

/** End of the Google redirect flow: trades the one-time `?code=` for tokens. */
@Component({
  selector: 'crm-auth-callback-page',
  imports: [MatCardModule, MatProgressSpinnerModule, MatButtonModule, MatIconModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="backdrop">
      <mat-card class="card" appearance="outlined">
        @if (error(); as message) {
          <mat-icon class="icon error">error_outline</mat-icon>
          <h1>Sign-in failed</h1>
          <p data-testid="auth-callback-error">{{ message }}</p>
          <a mat-flat-button routerLink="/login">Back to sign-in</a>
        } @else {
          <mat-spinner diameter="40" />
          <h1>Signing you in…</h1>
        }
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
      max-width: 380px;
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
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .icon {
      font-size: 40px;
      width: 40px;
      height: 40px;
    }
    .icon.error {
      color: var(--mat-sys-error);
    }
  `,
})
export class AuthCallbackPageComponent implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly params = inject(ActivatedRoute).snapshot.queryParamMap;
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    const code = this.params.get('code');
    if (!code) {
      this.error.set(
        this.params.get('error') ? 'Google sign-in was cancelled or refused.' : 'The sign-in link is missing its code.',
      );
      return;
    }
    this.auth.exchangeCode(code).subscribe({
      next: () => void this.router.navigateByUrl(takeReturnUrl('/'), { replaceUrl: true }),
      error: (err: unknown) => this.error.set(errorMessage(err, 'The sign-in code is invalid or has expired.')),
    });
  }
}
