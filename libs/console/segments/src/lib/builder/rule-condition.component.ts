import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerInputEvent, MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  ATTRIBUTE_FIELD_PREFIX,
  fieldByName,
  type SegmentCondition,
  type SegmentFieldsDto,
  type SegmentOperator,
} from '@mini-crm/contracts';
import { OTHER_ATTRIBUTE, fieldOptionGroups, valueSuggestions } from '../rules/field-options.util';
import { enumLabel, operatorLabel } from '../rules/operator-labels.util';
import { ValueKind, valueKind, withCampaign, withField, withLink, withOperator } from '../rules/rule-tree.util';
import { EngagementOptionsService, type CampaignOption } from '../data/engagement-options.service';
import { fromIsoDay, toIsoDay } from '../rules/value-text.util';
import { ChipsInputComponent } from './chips-input.component';
import { NumberInputComponent } from './number-input.component';
import { currencySymbol } from '@mini-crm/console/ui/util';

interface NumberBox {
  label: string;
  prefix: string;
  suffix: string;
}

/** The label and units of the number box for each single-number value kind. */
const NUMBER_BOXES: Record<Extract<ValueKind, 'currency' | 'number' | 'days' | 'count'>, NumberBox> = {
  currency: {
    label: 'Amount',
    get prefix() {
      return currencySymbol();
    },
    suffix: '',
  },
  number: { label: 'Number', prefix: '', suffix: '' },
  days: { label: 'Days', prefix: '', suffix: 'days' },
  count: { label: 'Times', prefix: '', suffix: 'times' },
};

/** One `field operator value` row of the rule builder. */
@Component({
  selector: 'crm-rule-condition',
  imports: [
    MatAutocompleteModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
    ChipsInputComponent,
    NumberInputComponent,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rule-condition.component.html',
  styleUrl: './rule-condition.component.scss',
  host: {
    'data-testid': 'condition',
    '[attr.data-path]': 'pathKey()',
    '[attr.data-field]': 'condition().field',
    '[class.has-issue]': 'issues().length > 0 && !incomplete()',
    '[class.incomplete]': 'incomplete()',
  },
})
export class RuleConditionComponent {
  readonly condition = input.required<SegmentCondition>();
  readonly pathKey = input('');
  readonly meta = input<SegmentFieldsDto | null>(null);
  readonly issues = input<readonly string[]>([]);
  readonly readonly = input(false);
  readonly changed = output<SegmentCondition>();
  readonly removed = output<void>();

  private readonly engagement = inject(EngagementOptionsService);
  protected readonly otherAttribute = OTHER_ATTRIBUTE;
  protected readonly currencySymbol = currencySymbol;
  protected readonly def = computed(() => fieldByName(this.condition().field));
  protected readonly groups = computed(() => fieldOptionGroups(this.meta(), this.condition().field));
  protected readonly attributeKey = computed(() => {
    const f = this.condition().field;
    return f.startsWith(ATTRIBUTE_FIELD_PREFIX) ? f.slice(ATTRIBUTE_FIELD_PREFIX.length) : null;
  });
  /** The select shows the attribute entry, or "Other attribute…" while the key is still being typed. */
  protected readonly selectedField = computed(() =>
    this.condition().field === ATTRIBUTE_FIELD_PREFIX ? OTHER_ATTRIBUTE : this.condition().field,
  );
  protected readonly operators = computed(() => {
    const def = this.def();
    return (def?.operators ?? []).map((op) => ({ value: op, label: operatorLabel(def, op) }));
  });
  protected readonly kind = computed(() => {
    const def = this.def();
    return def ? valueKind(def, this.condition().operator) : 'text';
  });
  /** The number box's label and units, or null when the value is not a single number. */
  protected readonly numberBox = computed(() => {
    const kind = this.kind();
    return kind === 'currency' || kind === 'number' || kind === 'days' || kind === 'count' ? NUMBER_BOXES[kind] : null;
  });
  /** Campaign picker options; the chosen campaign stays listed even when it is not among the recent ones. */
  protected readonly campaignOptions = computed<CampaignOption[]>(() => {
    if (this.kind() !== 'campaign') return [];
    const list = this.engagement.campaigns()();
    const chosen = String(this.condition().value ?? '').toLowerCase();
    return !chosen || list.some((c) => c.id === chosen)
      ? list
      : [...list, { id: chosen, name: `Campaign ${chosen.slice(0, 8)}`, status: '' }];
  });
  protected readonly campaignValue = computed(() => String(this.condition().value ?? '').toLowerCase() || null);
  /** Link picker: only for `clicked` with a campaign chosen. */
  protected readonly linkOptions = computed(() => {
    const campaign = this.campaignValue();
    if (this.kind() !== 'campaign' || this.condition().operator !== 'clicked' || !campaign) return null;
    const links = this.engagement.links(campaign)();
    const chosen = this.condition().linkId;
    return chosen === undefined || links.some((l) => l.id === chosen)
      ? links
      : [...links, { id: chosen, url: `Link #${chosen}` }];
  });
  protected readonly linkValue = computed(() => this.condition().linkId ?? null);
  protected readonly suggestions = computed(() => valueSuggestions(this.meta(), this.condition().field));
  protected readonly attributeKeys = computed(() => {
    const typed = (this.attributeKey() ?? '').toLowerCase();
    return (this.meta()?.attributeKeys ?? []).filter((k) => k.toLowerCase().includes(typed)).slice(0, 50);
  });
  /** Nothing typed yet: a prompt rather than an error. */
  protected readonly incomplete = computed(
    () => this.issues().length > 0 && this.def() !== undefined && isBlank(this.condition().value),
  );
  /** Outline the value in red only for real mistakes. */
  protected readonly invalid = computed(() => this.issues().length > 0 && !this.incomplete());
  protected readonly issueText = computed(() =>
    this.issues()
      .map((m) => m.charAt(0).toUpperCase() + m.slice(1))
      .join(' · '),
  );
  protected readonly value = computed(() => this.condition().value);
  protected readonly rangeValue = computed(() => {
    const v = this.condition().value;
    return Array.isArray(v) ? [asNumber(v[0]), asNumber(v[1])] : [null, null];
  });
  protected readonly listValue = computed(() => {
    const v = this.condition().value;
    return Array.isArray(v) ? v.map(String) : [];
  });
  protected readonly dateValue = computed(() => fromIsoDay(this.condition().value));
  protected readonly enumValues = computed(() =>
    (this.def()?.enumValues ?? []).map((v) => ({ value: v, label: enumLabel(v) })),
  );

  protected onField(name: string): void {
    this.changed.emit(withField(this.condition(), name === OTHER_ATTRIBUTE ? ATTRIBUTE_FIELD_PREFIX : name));
  }

  protected onAttributeKey(key: string): void {
    this.changed.emit(withField(this.condition(), ATTRIBUTE_FIELD_PREFIX + key.trim()));
  }

  protected onOperator(op: SegmentOperator): void {
    this.changed.emit(withOperator(this.condition(), op));
  }

  protected onCampaign(id: string): void {
    this.changed.emit(withCampaign(this.condition(), id));
  }

  protected onLink(linkId: number | null): void {
    this.changed.emit(withLink(this.condition(), linkId));
  }

  protected setValue(value: unknown): void {
    this.changed.emit({ ...this.condition(), value });
  }

  protected setRange(index: 0 | 1, value: number | null): void {
    const next = [...this.rangeValue()];
    next[index] = value;
    this.setValue(next);
  }

  protected onDate(event: MatDatepickerInputEvent<Date>): void {
    this.setValue(event.value ? toIsoDay(event.value) : '');
  }

  protected textOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}

function isBlank(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  return Array.isArray(v) && v.every((x) => x === null || x === undefined || x === '');
}

function asNumber(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}
