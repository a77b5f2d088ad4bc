import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';

export interface ChipOption {
  value: string;
  count?: number;
}

const MAX_SUGGESTIONS = 50;

/** A list value as chips: type and press Enter or comma, or pick a suggestion (tags, cities…). */
@Component({
  selector: 'crm-chips-input',
  imports: [MatChipsModule, MatAutocompleteModule, MatFormFieldModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic" class="box" [class.invalid]="invalid()">
      <mat-label>{{ label() }}</mat-label>
      <mat-chip-grid #grid [attr.aria-label]="label()">
        @for (v of values(); track v) {
          <mat-chip-row (removed)="remove(v)" data-testid="value-chip" [attr.data-value]="v">
            {{ v }}
            <button matChipRemove [attr.aria-label]="'Remove ' + v"><mat-icon>cancel</mat-icon></button>
          </mat-chip-row>
        }
        <input
          #box
          [placeholder]="values().length ? '' : placeholder()"
          [matChipInputFor]="grid"
          [matAutocomplete]="auto"
          [matChipInputSeparatorKeyCodes]="separators"
          (matChipInputTokenEnd)="add($event)"
          (input)="typed.set(box.value)"
          [attr.data-testid]="testId()"
        />
      </mat-chip-grid>
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="select($event, box)">
        @for (o of suggestions(); track o.value) {
          <mat-option [value]="o.value">
            <span>{{ o.value }}</span>
            @if (o.count !== undefined) {
              <span class="count">{{ o.count }}</span>
            }
          </mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .box {
      width: 100%;
    }
    .invalid {
      --mat-form-field-outlined-outline-color: var(--mat-sys-error);
      --mat-form-field-outlined-hover-outline-color: var(--mat-sys-error);
    }
    .count {
      margin-left: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-small);
    }
  `,
})
export class ChipsInputComponent {
  readonly values = input<readonly string[]>([]);
  readonly options = input<readonly ChipOption[]>([]);
  readonly label = input('Values');
  readonly placeholder = input('Type and press Enter');
  readonly invalid = input(false);
  readonly testId = input('value-input');
  readonly valuesChange = output<string[]>();

  protected readonly separators = [13, 188];
  protected readonly typed = signal('');
  protected readonly suggestions = computed(() => {
    const q = this.typed().trim().toLowerCase();
    const chosen = new Set(this.values());
    return this.options()
      .filter((o) => !chosen.has(o.value) && (!q || o.value.toLowerCase().includes(q)))
      .slice(0, MAX_SUGGESTIONS);
  });

  protected add(event: MatChipInputEvent): void {
    const value = event.value.trim();
    event.chipInput.clear();
    this.typed.set('');
    if (value) this.push(value);
  }

  protected select(event: MatAutocompleteSelectedEvent, box: HTMLInputElement): void {
    box.value = '';
    this.typed.set('');
    this.push(String(event.option.value));
  }

  protected remove(value: string): void {
    this.valuesChange.emit(this.values().filter((v) => v !== value));
  }

  private push(value: string): void {
    if (this.values().includes(value)) return;
    this.valuesChange.emit([...this.values(), value]);
  }
}
