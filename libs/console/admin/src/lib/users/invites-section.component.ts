import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { errorMessage, fieldErrors } from '@mini-crm/console/ui';
import type { InviteDto, Role } from '@mini-crm/contracts';
import { ROLE_OPTIONS } from './role-options';
import { UsersApiService } from './users-api.service';

/** Invite by email with a role (any domain), and the open invitations with Revoke. */
@Component({
  selector: 'crm-invites-section',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="card" data-testid="invites">
      <mat-card-header>
        <mat-card-title>Invitations</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        <p class="muted">
          An invited email signs in with Google as an active user with this role, whatever its domain.
        </p>
        <form class="add" [formGroup]="form" (ngSubmit)="invite(formDir)" #formDir="ngForm">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="email">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" data-testid="invite-email" />
            @if (serverErrors()['email']; as message) {
              <mat-hint class="error">{{ message }}</mat-hint>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="role">
            <mat-label>Role</mat-label>
            <mat-select formControlName="role" data-testid="invite-role">
              @for (r of roles; track r.value) {
                <mat-option [value]="r.value">{{ r.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="saving()" data-testid="invite-send">
            <mat-icon>person_add</mat-icon>Invite
          </button>
        </form>
        @if (loadError(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <ul class="rows">
          @for (i of invites(); track i.id) {
            <li data-testid="invite-row" [attr.data-email]="i.email">
              <span class="who">{{ i.email }}</span>
              <span class="muted">{{ roleLabel(i.role) }}</span>
              <button
                mat-button
                type="button"
                (click)="revoke(i)"
                [attr.aria-label]="'Revoke the invitation of ' + i.email"
                data-testid="invite-revoke"
              >
                Revoke
              </button>
            </li>
          }
        </ul>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .card {
      margin-bottom: 16px;
    }
    .add {
      display: flex;
      gap: 12px;
      align-items: center;
      flex-wrap: wrap;
      margin: 8px 0 12px;
    }
    .email {
      flex: 1 1 260px;
    }
    .role {
      width: 150px;
    }
    .rows {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    .who {
      flex: 1 1 auto;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class InvitesSectionComponent {
  private readonly api = inject(UsersApiService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly roles = ROLE_OPTIONS;
  protected readonly invites = signal<InviteDto[]>([]);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(254)] }),
    role: new FormControl<Role>('viewer', { nonNullable: true }),
  });

  constructor() {
    this.load();
  }

  protected roleLabel(role: Role): string {
    return ROLE_OPTIONS.find((r) => r.value === role)?.label ?? role;
  }

  protected invite(formDir: FormGroupDirective): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, role } = this.form.getRawValue();
    this.saving.set(true);
    this.serverErrors.set({});
    this.api.invite({ email: email.trim(), role }).subscribe({
      next: (created) => {
        this.saving.set(false);
        this.invites.update((rows) => [...rows, created]);
        // resetForm also clears "submitted", so the emptied field is not shown as an error
        formDir.resetForm({ email: '', role: 'viewer' });
        this.snackBar.open(`${created.email} invited as ${this.roleLabel(created.role)}`, 'OK', { duration: 4000 });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.serverErrors.set(fieldErrors(err));
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }

  protected revoke(invite: InviteDto): void {
    this.api.revokeInvite(invite.id).subscribe({
      next: () => {
        this.invites.update((rows) => rows.filter((r) => r.id !== invite.id));
        this.snackBar.open(`Invitation of ${invite.email} revoked`, 'OK', { duration: 4000 });
      },
      error: (err: unknown) =>
        this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' }),
    });
  }

  private load(): void {
    this.api.invites().subscribe({
      next: (list) => this.invites.set(list.items),
      error: (err: unknown) => this.loadError.set(errorMessage(err)),
    });
  }
}
