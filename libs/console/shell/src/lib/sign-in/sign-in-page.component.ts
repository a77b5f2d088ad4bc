import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDividerModule } from '@angular/material/divider';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthService, PRODUCT_NAME, rememberReturnUrl, safeReturnUrl } from '@mini-crm/console/core';
import { errorMessage } from '@mini-crm/console/ui';
import type { AuthProvidersDto, UserDto } from '@mini-crm/contracts';
import { Observable } from 'rxjs';
import { GoogleIdentityService } from './google-identity.service';

/** Angular's email validator accepts `a@b`; the API wants a domain with a dot. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const NOTICES: Record<string, string> = {
  inactive: 'Your account has been deactivated. Ask an administrator to reactivate it.',
  deactivated: 'Your account has been deactivated. Ask an administrator to reactivate it.',
  rejected: 'An administrator declined access for this account.',
  signup_closed: 'This workspace only admits invited accounts. Ask an administrator for an invitation.',
  email_unverified: 'Your Google account’s email address is not verified, so it cannot be used to sign in.',
  google: 'Google sign-in did not complete. Please try again.',
  google_state_expired: 'That sign-in took too long and expired. Please sign in again.',
  google_state_unknown: 'That sign-in link was already used or is not valid. Please sign in again.',
  google_state_browser:
    'Sign-in must finish in the browser that started it. Please start again here (cookies must be allowed).',
};

@Component({
  selector: 'crm-sign-in-page',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatDividerModule,
    MatProgressSpinnerModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in-page.component.html',
  styleUrl: './sign-in-page.component.scss',
})
export class SignInPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly google = inject(GoogleIdentityService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly query = inject(ActivatedRoute).snapshot.queryParamMap;
  private readonly googleHost = viewChild<ElementRef<HTMLElement>>('googleButton');
  private googleRendered = false;

  protected readonly productName = PRODUCT_NAME;
  protected readonly providers = signal<AuthProvidersDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly signInError = signal<string | null>(null);
  protected readonly googleButtonError = signal<string | null>(null);
  protected readonly notice =
    NOTICES[this.query.get('error') ?? ''] ?? (this.query.get('error') ? 'Sign-in failed. Please try again.' : null);
  protected readonly googleEnabled = computed(() => !!this.providers()?.google);
  protected readonly nothingEnabled = computed(() => {
    const p = this.providers();
    return !!p && !p.google && !p.devLogin;
  });
  private readonly returnUrl = safeReturnUrl(this.query.get('returnUrl'), '/');

  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(EMAIL_PATTERN), Validators.maxLength(254)],
    }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(120)] }),
  });

  constructor() {
    this.loadProviders();
    effect(() => {
      const host = this.googleHost()?.nativeElement;
      const clientId = this.providers()?.googleClientId;
      if (!host || !clientId || this.googleRendered) return;
      this.googleRendered = true;
      this.google
        .renderButton(host, clientId, (credential) => this.complete(this.auth.googleCredential(credential)))
        .catch((err: unknown) => this.googleButtonError.set(errorMessage(err)));
    });
  }

  protected loadProviders(): void {
    this.loadError.set(null);
    const sub = this.auth.providers().subscribe({
      next: (p) => this.providers.set(p),
      error: (err: unknown) => this.loadError.set(errorMessage(err)),
    });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  protected submitDevLogin(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, name } = this.form.getRawValue();
    this.complete(this.auth.devLogin(email, name));
  }

  /** Full-page redirect flow; the return URL survives it in sessionStorage. */
  protected rememberReturn(): void {
    rememberReturnUrl(this.returnUrl);
  }

  private complete(signIn: Observable<UserDto>): void {
    this.submitting.set(true);
    this.signInError.set(null);
    signIn.subscribe({
      next: () => void this.router.navigateByUrl(this.returnUrl),
      error: (err: unknown) => {
        this.submitting.set(false);
        this.signInError.set(errorMessage(err, 'Sign-in failed. Please try again.'));
      },
    });
  }
}
