import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  SEGMENT_RULE_LIMITS,
  isSegmentGroup,
  type SegmentCondition,
  type SegmentFieldsDto,
  type SegmentGroup,
  type SegmentRule,
} from '@mini-crm/contracts';
import { newCondition } from '../rules/rule-tree.util';
import { RuleConditionComponent } from './rule-condition.component';

/** A group of rules joined by AND/OR, optionally negated; renders nested groups recursively. */
@Component({
  selector: 'crm-rule-group',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    MatIconModule,
    MatTooltipModule,
    RuleConditionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rule-group.component.html',
  styleUrl: './rule-group.component.scss',
  host: {
    'data-testid': 'group',
    '[attr.data-path]': 'pathKey()',
    '[attr.data-depth]': 'depth()',
    '[attr.data-op]': 'group().op',
    '[class]': '"level-" + ((depth() - 1) % 5)',
    '[class.negated]': 'group().not === true',
    '[class.root]': 'depth() === 1',
  },
})
export class RuleGroupComponent {
  readonly group = input.required<SegmentGroup>();
  readonly pathKey = input('');
  readonly depth = input(1);
  readonly meta = input<SegmentFieldsDto | null>(null);
  readonly issues = input<ReadonlyMap<string, string[]>>(new Map());
  readonly readonly = input(false);
  readonly changed = output<SegmentGroup>();
  readonly removed = output<void>();

  protected readonly isGroup = isSegmentGroup;
  protected readonly canNest = computed(() => this.depth() < SEGMENT_RULE_LIMITS.maxDepth);
  protected readonly ownIssues = computed(() => this.issues().get(this.pathKey()) ?? []);
  protected readonly opWord = computed(() => (this.group().op === 'and' ? 'AND' : 'OR'));

  protected childKey(index: number): string {
    const key = `rules[${index}]`;
    return this.pathKey() ? `${this.pathKey()}.${key}` : key;
  }

  protected issuesOf(index: number): readonly string[] {
    return this.issues().get(this.childKey(index)) ?? [];
  }

  protected asGroup(rule: SegmentRule): SegmentGroup {
    return rule as SegmentGroup;
  }

  protected asCondition(rule: SegmentRule): SegmentCondition {
    return rule as SegmentCondition;
  }

  protected setOp(op: 'and' | 'or'): void {
    if (op !== this.group().op) this.changed.emit({ ...this.group(), op });
  }

  protected setNot(not: boolean): void {
    const { op, rules } = this.group();
    this.changed.emit(not ? { op, not: true, rules } : { op, rules });
  }

  protected replace(index: number, rule: SegmentRule): void {
    this.changed.emit({ ...this.group(), rules: this.group().rules.map((r, i) => (i === index ? rule : r)) });
  }

  protected remove(index: number): void {
    this.changed.emit({ ...this.group(), rules: this.group().rules.filter((_, i) => i !== index) });
  }

  protected addCondition(): void {
    this.changed.emit({ ...this.group(), rules: [...this.group().rules, newCondition()] });
  }

  /** A sub-group starts with the opposite operator: nesting exists to mix AND with OR. */
  protected addGroup(): void {
    const op = this.group().op === 'and' ? 'or' : 'and';
    this.changed.emit({ ...this.group(), rules: [...this.group().rules, { op, rules: [newCondition()] }] });
  }
}
