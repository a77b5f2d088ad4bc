import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { ConfirmService, errorMessage, fieldErrors } from '@mini-crm/console/ui';
import { CITY_NAME_MAX, type CityAliasDto } from '@mini-crm/contracts';
import { switchMap } from 'rxjs';
import { CityAliasesApiService } from './city-aliases-api.service';

/**
 * Admin › Settings › City aliases: the built-in ones and the admin's own. Saving one also moves stored customers
 * whose city is the alias to the city, in the same request (the API answers how many).
 */
@Component({
  selector: 'crm-city-aliases-section',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSnackBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './city-aliases-section.component.html',
  styleUrl: './city-aliases-section.component.scss',
})
export class CityAliasesSectionComponent {
  private readonly api = inject(CityAliasesApiService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly confirm = inject(ConfirmService);

  protected readonly max = CITY_NAME_MAX;
  protected readonly form = new FormGroup({
    alias: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(CITY_NAME_MAX)],
    }),
    city: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(CITY_NAME_MAX)],
    }),
  });
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly items = signal<CityAliasDto[]>([]);
  protected readonly custom = computed(() => this.items().filter((a) => !a.builtIn));
  protected readonly builtIn = computed(() => this.items().filter((a) => a.builtIn));
  protected readonly loadError = signal<string | null>(null);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly saving = signal(false);

  constructor() {
    this.load();
  }

  protected save(): void {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    const { alias, city } = this.form.getRawValue();
    this.saving.set(true);
    this.serverErrors.set({});
    this.api.save(alias, { city }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        // also clears the submitted state, so the emptied fields are not shown as errors
        this.formDirective().resetForm();
        const moved = saved.customersUpdated;
        this.snackBar.open(
          `“${saved.alias}” now reads as ${saved.city}. ${moved === 0 ? 'No stored customer needed a change.' : `${moved} ${moved === 1 ? 'customer' : 'customers'} updated.`}`,
          'OK',
          { duration: 6000 },
        );
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

  protected remove(alias: CityAliasDto): void {
    this.confirm
      .ask({
        title: `Remove the alias “${alias.alias}”?`,
        message: `New imports will keep “${alias.alias}” as written. Customers already moved to ${alias.city} stay there.`,
        confirm: 'Remove',
        danger: true,
      })
      .pipe(switchMap(() => this.api.remove(alias.alias)))
      .subscribe({
        next: () => this.load(),
        error: (err: unknown) =>
          this.snackBar.open(errorMessage(err), 'Dismiss', { duration: 8000, panelClass: 'crm-snack-error' }),
      });
  }

  private load(): void {
    this.api.list().subscribe({
      next: (list) => {
        this.loadError.set(null);
        this.items.set(list.items);
      },
      error: (err: unknown) => this.loadError.set(errorMessage(err)),
    });
  }
}
