import { COMMA, ENTER, SEMICOLON } from '@angular/cdk/keycodes';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { PageHeaderComponent, errorMessage, fieldErrors } from '@mini-crm/console/ui';
import type { CustomerDto, SubscriptionStatusValue } from '@mini-crm/contracts';
import { CustomersApiService } from '../data/customers-api.service';
import { SUBSCRIPTION_LABELS, customerName } from '../format/customer-format.util';
import {
  AttributeRow,
  CustomerFormField,
  CustomerFormValue,
  conflictField,
  customerBody,
  emptyCustomerForm,
  formFieldOfPath,
  formFromCustomer,
  normalizeTags,
} from './customer-form.util';

type AttributeGroup = FormGroup<{ key: FormControl<string>; value: FormControl<string> }>;

@Component({
  selector: 'crm-customer-form-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatChipsModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatSnackBarModule,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './customer-form-page.component.html',
  styleUrl: './customer-form-page.component.scss',
})
export class CustomerFormPageComponent {
  private readonly api = inject(CustomersApiService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  /** Route param; absent on /customers/new. */
  readonly id = input<string>();

  protected readonly separators = [ENTER, COMMA, SEMICOLON] as const;
  protected readonly statuses = (Object.keys(SUBSCRIPTION_LABELS) as SubscriptionStatusValue[]).map((value) => ({
    value,
    label: SUBSCRIPTION_LABELS[value],
  }));
  protected readonly editing = computed(() => !!this.id());
  protected readonly original = signal<CustomerDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly title = computed(() =>
    this.editing()
      ? `Edit ${this.original() ? customerName(this.original() as CustomerDto) : 'customer'}`
      : 'New customer',
  );

  protected readonly form = new FormGroup({
    firstName: new FormControl('', { nonNullable: true }),
    lastName: new FormControl('', { nonNullable: true }),
    email: new FormControl('', { nonNullable: true }),
    phone: new FormControl('', { nonNullable: true }),
    city: new FormControl('', { nonNullable: true }),
    country: new FormControl('', { nonNullable: true }),
    externalId: new FormControl('', { nonNullable: true }),
    tags: new FormControl<string[]>([], { nonNullable: true }),
    emailStatus: new FormControl<SubscriptionStatusValue>('subscribed', { nonNullable: true }),
    smsStatus: new FormControl<SubscriptionStatusValue>('subscribed', { nonNullable: true }),
    attributes: new FormArray<AttributeGroup>([]),
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => (id ? this.load(id) : this.fill(emptyCustomerForm())));
    });
  }

  protected get attributeRows(): AttributeGroup[] {
    return this.form.controls.attributes.controls;
  }

  protected addTag(event: MatChipInputEvent): void {
    const added = normalizeTags([event.value]);
    if (added.length) this.form.controls.tags.setValue(normalizeTags([...this.form.controls.tags.value, ...added]));
    event.chipInput.clear();
  }

  protected removeTag(tag: string): void {
    this.form.controls.tags.setValue(this.form.controls.tags.value.filter((t) => t !== tag));
  }

  protected addAttribute(row: AttributeRow = { key: '', value: '' }): void {
    this.form.controls.attributes.push(
      new FormGroup({
        key: new FormControl(row.key, { nonNullable: true }),
        value: new FormControl(row.value, { nonNullable: true }),
      }),
    );
  }

  protected removeAttribute(index: number): void {
    this.form.controls.attributes.removeAt(index);
  }

  protected serverError(field: CustomerFormField): string | null {
    const errors = this.form.controls[field].errors;
    return errors ? ((errors['server'] as string | undefined) ?? null) : null;
  }

  protected save(): void {
    if (this.saving()) return;
    this.formError.set(null);
    const id = this.id();
    const body = customerBody(this.form.getRawValue(), id ? 'update' : 'create');
    this.saving.set(true);
    const request = id ? this.api.update(id, body) : this.api.create(body);
    request.subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.form.markAsPristine();
        this.snackBar.open(id ? 'Customer saved' : `${customerName(saved)} was added`, 'OK', { duration: 4000 });
        void this.router.navigate(['/customers', saved.id]);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.showErrors(err);
      },
    });
  }

  protected cancelLink(): string[] {
    const id = this.id();
    return id ? ['/customers', id] : ['/customers'];
  }

  private load(id: string): void {
    this.loading.set(true);
    this.api.get(id).subscribe({
      next: (c) => {
        this.original.set(c);
        this.fill(formFromCustomer(c));
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.formError.set(errorMessage(err));
      },
    });
  }

  private fill(value: CustomerFormValue): void {
    const { attributes, ...rest } = value;
    this.form.controls.attributes.clear();
    for (const row of attributes) this.addAttribute(row);
    this.form.reset(rest);
  }

  /** 400 details land on their fields, a 409 on the field it names; anything else above the form. */
  private showErrors(err: unknown): void {
    const unplaced: string[] = [];
    let placed = 0;
    for (const [path, message] of Object.entries(fieldErrors(err))) {
      const field = formFieldOfPath(path);
      if (field === null) unplaced.push(`${path}: ${message}`);
      else if (field === 'attributes') unplaced.push(`Attributes: ${message}`);
      else {
        this.markServerError(field, message);
        placed++;
      }
    }
    if (err instanceof HttpErrorResponse && err.status === 409 && placed === 0) {
      const message = errorMessage(err);
      const field = conflictField(message);
      if (field) {
        this.markServerError(field, message);
        placed++;
      } else unplaced.push(message);
    }
    if (unplaced.length) this.formError.set(unplaced.join(' · '));
    else if (placed === 0) this.formError.set(errorMessage(err));
    else this.formError.set('Please correct the highlighted fields.');
  }

  private markServerError(field: CustomerFormField, message: string): void {
    const control = this.form.controls[field];
    control.setErrors({ server: message });
    control.markAsTouched();
  }
}
