import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatStepperModule } from '@angular/material/stepper';
import { errorMessage } from '@mini-crm/console/ui';
import type { DuplicatePolicy } from '@mini-crm/contracts';
import { ImportsApiService } from '../../data/imports-api.service';
import { mappingPayload } from '../column-mapping.util';
import { countryOptions } from '../country-options.util';
import { ImportDraft } from '../import-draft.service';

const POLICIES: readonly { value: DuplicatePolicy; label: string; description: string }[] = [
  {
    value: 'skip',
    label: 'Skip',
    description: 'Keep what is stored; the duplicate row is counted and left out. Safe to re-run the same file.',
  },
  { value: 'update', label: 'Update', description: 'The file wins: non-empty cells overwrite stored values.' },
  { value: 'merge', label: 'Merge', description: 'Fill only empty fields and add new tags; stored values stay.' },
];

/** Step 3: what happens to known records and how values are read; "Start import" uploads the file. */
@Component({
  selector: 'crm-import-options-step',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatRadioModule,
    MatSelectModule,
    MatStepperModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './options-step.component.html',
  styleUrl: './options-step.component.scss',
})
export class OptionsStepComponent {
  private readonly api = inject(ImportsApiService);
  protected readonly draft = inject(ImportDraft);

  /** The stepper shows this step now (its buttons only then). */
  readonly active = input(false);
  /** The upload was accepted: the id of the new import job. */
  readonly started = output<string>();

  protected readonly policies = POLICIES;
  protected readonly countries = countryOptions('IN');
  protected readonly busy = signal(false);

  constructor() {
    // The admin's default preselects the consent choice; the person importing confirms or changes it.
    this.api.consentDefaults().subscribe({
      next: (d) => {
        if (!this.draft.emailConsent.dirty) this.draft.emailConsent.setValue(d.importEmailStatus);
        if (!this.draft.smsConsent.dirty) this.draft.smsConsent.setValue(d.importSmsStatus);
      },
      error: () => undefined,
    });
  }

  protected start(): void {
    const file = this.draft.file();
    if (!file || this.busy()) return;
    this.busy.set(true);
    this.draft.error.set(null);
    this.api
      .start(file, {
        ...this.draft.readingOptions(),
        kind: this.draft.kind.value,
        duplicatePolicy: this.draft.duplicatePolicy.value,
        emailConsent: this.draft.emailConsent.value,
        smsConsent: this.draft.smsConsent.value,
        consentSource: this.draft.consentSource.value,
        mapping: mappingPayload(this.draft.columns()),
      })
      .subscribe({
        next: ({ id }) => {
          this.busy.set(false);
          this.started.emit(id);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.draft.error.set(errorMessage(err));
        },
      });
  }
}
