import { IsBoolean, IsDefined, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import type { SegmentGroup } from '../segments/segment-rule';
import type { SegmentFieldCategory, SegmentFieldType } from '../segments/segment-fields';
import { PageQueryDto } from './page-query.dto';

/** Query-string booleans: `true`/`1` and `false`/`0`; anything else is left for @IsBoolean to reject. */
const toBoolean = ({ value }: { value: unknown }) => {
  if (value === 'true' || value === '1' || value === true) return true;
  if (value === 'false' || value === '0' || value === false) return false;
  return value;
};

export class SegmentPreviewRequestDto {
  /** Rule tree (root group): `{ op: 'and'|'or', not?, rules: [group | { field, operator, value }] }`. Checked by the segment engine; problems come back in `details` with paths like `rules[1].rules[0].value`. */
  @IsDefined()
  @IsObject()
  rules!: SegmentGroup;
}

/** One customer of a preview sample or an audience page. */
export class SegmentCustomerDto {
  id!: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  city?: string | null;
  /** Decimal string, e.g. `"1520.50"`. */
  totalSpend!: string;
  orderCount!: number;
  lastOrderAt?: string | null;
}

export class SegmentPreviewDto {
  /** Customers matching the rules. */
  count!: number;
  /** All customers (exact below 100,000 rows; the planner's estimate above, see `totalEstimated`). */
  total!: number;
  /** True when `total` is the planner's row estimate rather than an exact count. */
  totalEstimated!: boolean;
  /** Up to 20 matching customers, ordered by id. */
  sample!: SegmentCustomerDto[];
  /** The rules in plain English. */
  summary!: string;
}

export class CreateSegmentDto {
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  /** Rule tree (root group); see POST /api/segment-rules/preview. */
  @IsDefined()
  @IsObject()
  rules!: SegmentGroup;
}

export class UpdateSegmentDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  /** Rule tree (root group). */
  @IsOptional()
  @IsObject()
  rules?: SegmentGroup;
}

export class SegmentListQueryDto extends PageQueryDto {
  /** Name search (substring, case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** Include archived segments (default false). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeArchived?: boolean;
}

export class SegmentSizePointDto {
  at!: string;
  size!: number;
}

export class SegmentDto {
  id!: string;
  name!: string;
  description?: string | null;
  /** Rule tree (root group). */
  rules!: SegmentGroup;
  /** The rules in plain English. */
  summary!: string;
  /** Audience size at the latest snapshot (null before the first one). */
  size!: number | null;
  /** Sizes of the last snapshots, oldest first (up to 14). */
  sizeTrend!: number[];
  /** Campaigns that reference this segment. */
  usedByCampaigns!: number;
  archivedAt?: string | null;
  createdBy?: string | null;
  createdAt!: string;
  updatedAt!: string;
}

export class SegmentDetailDto extends SegmentDto {
  /** Size history, oldest first (up to the last 365 snapshots). */
  history!: SegmentSizePointDto[];
}

export class SegmentPageDto {
  items!: SegmentDto[];
  nextCursor!: string | null;
}

export class SegmentCustomerPageDto {
  items!: SegmentCustomerDto[];
  nextCursor!: string | null;
}

export class SegmentFieldDto {
  /** snake_case identifier used in rules. */
  name!: string;
  label!: string;
  category!: SegmentFieldCategory;
  type!: SegmentFieldType;
  operators!: string[];
  enumValues?: string[];
  /** Values must be whole numbers. */
  integer?: boolean;
}

export class SegmentFieldValueDto {
  value!: string;
  /** How many customers (of the sampled rows) carry it. */
  count!: number;
}

export class SegmentFieldValuesDto {
  city!: SegmentFieldValueDto[];
  country!: SegmentFieldValueDto[];
  tags!: SegmentFieldValueDto[];
}

export class SegmentFieldsDto {
  /** The field registry. */
  fields!: SegmentFieldDto[];
  /** Keys found in customers' `attributes`, usable as `attributes.<key>`, most frequent first. */
  attributeKeys!: string[];
  /** Most frequent values (top 200) of low-cardinality fields, for autocomplete. */
  values!: SegmentFieldValuesDto;
}
