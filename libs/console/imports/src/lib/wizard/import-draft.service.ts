import { Injectable, computed, signal } from '@angular/core';
import { FormControl, Validators } from '@angular/forms';
import type {
  ImportConsentStatus,
  ColumnMappingDto,
  DuplicatePolicy,
  ImportKindValue,
  ImportPreviewDto,
} from '@mini-crm/contracts';
import type { PreviewOptions } from '../data/imports-api.service';
import { formatBytes } from '../format/import-format.util';

/**
 * What the import wizard's steps build up together: the file, its kind, the preview and column mapping,
 * and the reading options. Provided by the wizard page, so each visit starts from scratch.
 */
@Injectable()
export class ImportDraft {
  // The stepper (linear) only moves past a step whose control is valid.
  readonly fileReady = new FormControl(false, { nonNullable: true, validators: Validators.requiredTrue });
  readonly columnsReady = new FormControl(false, { nonNullable: true, validators: Validators.requiredTrue });

  readonly kind = new FormControl<ImportKindValue>('customers', { nonNullable: true });
  readonly duplicatePolicy = new FormControl<DuplicatePolicy>('skip', { nonNullable: true });
  readonly defaultCountry = new FormControl('IN', { nonNullable: true });
  readonly dateOrder = new FormControl<'dmy' | 'mdy'>('dmy', { nonNullable: true });
  /** Consent of new customers whose row has no consent value; preset from Admin › Settings › Consent. */
  readonly emailConsent = new FormControl<ImportConsentStatus>('subscribed', { nonNullable: true });
  readonly smsConsent = new FormControl<ImportConsentStatus>('subscribed', { nonNullable: true });
  readonly consentSource = new FormControl('', { nonNullable: true, validators: Validators.maxLength(200) });

  readonly kindValue = signal<ImportKindValue>('customers');
  readonly file = signal<File | null>(null);
  readonly preview = signal<ImportPreviewDto | null>(null);
  readonly columns = signal<ColumnMappingDto[]>([]);
  readonly error = signal<string | null>(null);

  readonly fileSize = computed(() => formatBytes(this.file()?.size ?? 0));

  constructor() {
    this.kind.valueChanges.subscribe((k) => {
      this.kindValue.set(k);
      this.resetPreview();
    });
  }

  readingOptions(): PreviewOptions {
    return { defaultCountry: this.defaultCountry.value, dateOrder: this.dateOrder.value };
  }

  choose(file: File | null): void {
    this.file.set(file);
    this.resetPreview();
  }

  /** Back to an empty first step, keeping the kind that was chosen. */
  reset(): void {
    this.choose(null);
    this.duplicatePolicy.setValue('skip');
  }

  private resetPreview(): void {
    this.preview.set(null);
    this.columns.set([]);
    this.fileReady.setValue(false);
    this.columnsReady.setValue(false);
    this.error.set(null);
  }
}
