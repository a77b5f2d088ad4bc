import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { ConfirmService, LIST_PAGE_IMPORTS, errorMessage, fieldErrors } from '@mini-crm/console/ui';
import type { ApiKeyDto, ApiKeyRole, CreatedApiKeyDto } from '@mini-crm/contracts';
import { switchMap } from 'rxjs';
import { ApiKeysApiService } from './api-keys-api.service';
import { apiKeyStatus, expiryFromDate, type ApiKeyStatus } from './api-key-status.util';

const ROLE_LABELS: Record<ApiKeyRole, string> = { viewer: 'Viewer', marketer: 'Marketer' };

/** Admin › API keys: create (the key is shown once), list with last use, revoke. */
@Component({
  selector: 'crm-api-keys-page',
  imports: [
    LIST_PAGE_IMPORTS,
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSnackBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-keys-page.component.html',
  styleUrl: './api-keys-page.component.scss',
})
export class ApiKeysPageComponent {
  private readonly api = inject(ApiKeysApiService);
  private readonly clipboard = inject(Clipboard);
  private readonly confirm = inject(ConfirmService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['name', 'prefix', 'role', 'createdBy', 'lastUsedAt', 'expiresAt', 'status', 'actions'];
  protected readonly roles = (Object.keys(ROLE_LABELS) as ApiKeyRole[]).map((value) => ({
    value,
    label: ROLE_LABELS[value],
  }));
  protected readonly keys = signal<ApiKeyDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});
  /** The key just created: held only until the admin closes the panel. */
  protected readonly created = signal<CreatedApiKeyDto | null>(null);
  protected readonly copied = signal(false);
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    role: new FormControl<ApiKeyRole>('viewer', { nonNullable: true }),
    expires: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    this.load();
  }

  protected roleLabel(role: ApiKeyRole): string {
    return ROLE_LABELS[role] ?? role;
  }

  protected status(key: ApiKeyDto): ApiKeyStatus {
    return apiKeyStatus(key, new Date());
  }

  protected create(formDir: FormGroupDirective): void {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, role, expires } = this.form.getRawValue();
    this.saving.set(true);
    this.serverErrors.set({});
    this.api.create({ name: name.trim(), role, expiresAt: expiryFromDate(expires) }).subscribe({
      next: (key) => {
        this.saving.set(false);
        this.copied.set(false);
        this.created.set(key);
        // resetForm also clears "submitted", so the emptied field is not shown as an error
        formDir.resetForm({ name: '', role: 'viewer', expires: '' });
        this.load();
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const fields = fieldErrors(err);
        this.serverErrors.set(fields);
        if (Object.keys(fields).length === 0)
          this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' });
      },
    });
  }

  protected copy(): void {
    const key = this.created()?.key;
    if (!key) return;
    if (this.clipboard.copy(key)) {
      this.copied.set(true);
      this.snackBar.open('Key copied to the clipboard', 'OK', { duration: 3000 });
    } else this.snackBar.open('Could not copy: select the key and copy it', 'Dismiss', { duration: 6000 });
  }

  /** Forgets the key: it cannot be shown again. */
  protected dismiss(): void {
    this.created.set(null);
    this.copied.set(false);
  }

  protected revoke(key: ApiKeyDto): void {
    this.confirm
      .ask({
        title: `Revoke the key “${key.name}”?`,
        message: `Every request made with mcrm_${key.prefix}_… is refused from now on. This cannot be undone; a system that still needs access needs a new key.`,
        confirm: 'Revoke',
        danger: true,
        confirmTestId: 'api-key-revoke-confirm',
      })
      .pipe(switchMap(() => this.api.revoke(key.id)))
      .subscribe({
        next: () => {
          this.snackBar.open(`Key “${key.name}” revoked`, 'OK', { duration: 4000 });
          if (this.created()?.id === key.id) this.dismiss();
          this.load();
        },
        error: (err: unknown) =>
          this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' }),
      });
  }

  private load(): void {
    this.api.list().subscribe({
      next: (list) => {
        this.loading.set(false);
        this.loadError.set(null);
        this.keys.set(list.items);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadError.set(errorMessage(err));
      },
    });
  }
}
