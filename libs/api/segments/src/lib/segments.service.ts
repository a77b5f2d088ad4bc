import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { SQL } from 'drizzle-orm';
import { isUniqueViolation, pgErrorCode, UUID_PATTERN, withTransaction, type Database, type Tx } from '@mini-crm/db';
import type {
  CreateSegmentDto,
  SegmentCustomerPageDto,
  SegmentDetailDto,
  SegmentDto,
  SegmentGroup,
  SegmentPageDto,
  SegmentPreviewDto,
  UpdateSegmentDto,
} from '@mini-crm/contracts';
import { APP_CONFIG, AppConfig, AuditService, AuthUser, DB, decodeCursor, encodeCursor } from '@mini-crm/api/core';
import { compileSegmentRules } from '@mini-crm/segment-engine';
import { SegmentRow, SegmentsRepository } from './segments.repository';
import { parseRulesOrThrow, storedRulesOrThrow } from './segment-rules.util';
import { summarize, toSegmentDto } from './segment.mapper';
import { withStatementTimeout } from './statement-timeout.util';

export const PREVIEW_SAMPLE_SIZE = 20;
const TREND_POINTS = 14;
const HISTORY_POINTS = 365;

/** What other modules (campaigns, AI) get for a saved segment. */
export interface SegmentAudience {
  segment: { id: string; name: string; rules: SegmentGroup; archivedAt: Date | null };
  /** WHERE clause over `customers` (no alias), day-based rules measured from the call's `now`. */
  predicate: SQL;
}

export interface AudienceStats {
  size: number;
  spend: { p25: number | null; median: number | null; p75: number | null; max: number | null };
  orders: { median: number | null; p75: number | null };
  topCities: { city: string; count: number }[];
  recency: { medianDaysSinceLastOrder: number | null; shareNoOrders: number | null };
  /** Aggregates of the insights scores over the scored members (null when none is scored). */
  predictions: {
    scored: number;
    medianChurnRisk: number | null;
    /** Share of scored members with churn_risk above {@link HIGH_CHURN_RISK}. */
    shareHighChurnRisk: number | null;
    medianPredictedClv: number | null;
    expectedOrders30d: number | null;
    rfmSegments: { segment: string; count: number }[];
  };
}

/** The churn risk above which a customer counts as likely to churn (as in the AI vocabulary). */
export const HIGH_CHURN_RISK = 0.7;

const round2 = (n: number | null): number | null =>
  n === null || n === undefined ? null : Math.round(Number(n) * 100) / 100;

@Injectable()
export class SegmentsService {
  private readonly logger = new Logger('Segments');

  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SegmentsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Runs audience queries under the configured statement timeout (a runaway becomes a 504). */
  withTimeout<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return withStatementTimeout(this.db, this.config.statementTimeoutMs, fn);
  }

  // ── audience API (used by campaigns and AI) ─────────────────────────────────────────────────

  async preview(input: unknown): Promise<SegmentPreviewDto> {
    const rules = parseRulesOrThrow(input);
    const predicate = compileSegmentRules(rules, { now: new Date() });
    const result = await this.withTimeout((tx) => this.repo.preview(tx, predicate, PREVIEW_SAMPLE_SIZE));
    return { ...result, summary: summarize(rules, this.config.defaults.currency) };
  }

  /** Audience size of unsaved rules (validated; 400 on invalid rules). */
  async countAudience(input: unknown): Promise<number> {
    const predicate = compileSegmentRules(parseRulesOrThrow(input), { now: new Date() });
    return this.withTimeout((tx) => this.repo.count(tx, predicate));
  }

  async getAudience(segmentId: string): Promise<SegmentAudience> {
    const row = await this.requireSegment(segmentId);
    const rules = storedRulesOrThrow(row.rules, row.id);
    return {
      segment: { id: row.id, name: row.name, rules, archivedAt: row.archivedAt },
      predicate: compileSegmentRules(rules, { now: new Date() }),
    };
  }

  /** Aggregates only (no customer rows), e.g. for the AI's message suggestions. */
  async audienceStats(segmentId: string): Promise<AudienceStats> {
    const { predicate } = await this.getAudience(segmentId);
    const now = new Date();
    const [stats, cities, rfm] = await this.withTimeout(
      async (tx) =>
        [
          await this.repo.audienceStats(tx, predicate, now, HIGH_CHURN_RISK),
          await this.repo.topCities(tx, predicate, 5),
          await this.repo.rfmSegments(tx, predicate),
        ] as const,
    );
    const round4 = (n: number | null) => (n === null ? null : Math.round(Number(n) * 10000) / 10000);
    const size = Number(stats.size);
    return {
      size,
      spend: {
        p25: round2(stats.spend_p25),
        median: round2(stats.spend_median),
        p75: round2(stats.spend_p75),
        max: round2(stats.spend_max),
      },
      orders: { median: round2(stats.orders_median), p75: round2(stats.orders_p75) },
      topCities: cities.map((c) => ({ city: c.city, count: Number(c.count) })),
      recency: {
        medianDaysSinceLastOrder: stats.median_days === null ? null : Number(stats.median_days),
        shareNoOrders:
          size === 0 || stats.share_no_orders === null
            ? null
            : Math.round(Number(stats.share_no_orders) * 10000) / 10000,
      },
      predictions: {
        scored: Number(stats.scored),
        medianChurnRisk: round4(stats.churn_median),
        shareHighChurnRisk: round4(stats.share_high_churn),
        medianPredictedClv: round2(stats.clv_median),
        expectedOrders30d: round2(stats.expected_orders_30d),
        rfmSegments: rfm.map((r) => ({ segment: r.segment, count: Number(r.count) })),
      },
    };
  }

  /** The customers a saved segment matches now, keyset-paged by id. */
  async audiencePage(segmentId: string, q: { limit: number; cursor?: string }): Promise<SegmentCustomerPageDto> {
    const key = decodeCursor(q.cursor, 1);
    const after = key ? String(key[0]) : null;
    if (after !== null && !UUID_PATTERN.test(after)) {
      throw new BadRequestException({
        message: 'Invalid cursor',
        details: [{ path: 'cursor', message: 'cursor is malformed or from another listing' }],
      });
    }
    const { predicate } = await this.getAudience(segmentId);
    const rows = await this.withTimeout((tx) => this.repo.audiencePage(tx, predicate, after, q.limit + 1));
    const items = rows.slice(0, q.limit);
    return { items, nextCursor: rows.length > q.limit ? encodeCursor([items[items.length - 1].id]) : null };
  }

  // ── saved segments ──────────────────────────────────────────────────────────────────────────

  async list(q: { limit: number; cursor?: string; q?: string; includeArchived?: boolean }): Promise<SegmentPageDto> {
    const key = decodeCursor(q.cursor, 2);
    const rows = await this.repo.list({
      limit: q.limit + 1,
      after: key ? [String(key[0]), String(key[1])] : null,
      q: q.q,
      includeArchived: !!q.includeArchived,
    });
    const page = rows.slice(0, q.limit);
    const nextCursor =
      rows.length > q.limit ? encodeCursor([page[page.length - 1].cursorAt, page[page.length - 1].id]) : null;
    return { items: await this.toDtos(page), nextCursor };
  }

  async get(id: string): Promise<SegmentDetailDto> {
    const row = await this.requireSegment(id);
    const [dto] = await this.toDtos([row]);
    const history = await this.repo.history(id, HISTORY_POINTS);
    return { ...dto, history: history.map((h) => ({ at: h.at.toISOString(), size: h.size })) };
  }

  async create(body: CreateSegmentDto, actor: AuthUser): Promise<SegmentDto> {
    const rules = parseRulesOrThrow(body.rules);
    const name = body.name.trim();
    await this.assertNameFree(name);
    const row = await withTransaction(this.db, async (tx) => {
      const created = await this.repo.insert(
        { name, description: body.description ?? null, rules, createdBy: actor.id },
        tx,
      );
      await this.audit.record(
        { actor, action: 'segment.created', entity: 'segment', entityId: created.id, diff: { name, rules } },
        tx,
      );
      return created;
    }).catch((e) => this.rethrowNameConflict(e, name));
    await this.snapshot(row);
    const [dto] = await this.toDtos([row]);
    return dto;
  }

  async update(id: string, body: UpdateSegmentDto, actor: AuthUser): Promise<SegmentDto> {
    const current = await this.requireSegment(id);
    const patch: Partial<SegmentRow> = { updatedAt: new Date() };
    const diff: Record<string, unknown> = {};
    if (body.rules !== undefined) {
      patch.rules = parseRulesOrThrow(body.rules);
      diff['rules'] = { from: current.rules, to: patch.rules };
    }
    if (body.name !== undefined && body.name.trim() !== current.name) {
      patch.name = body.name.trim();
      await this.assertNameFree(patch.name, id);
      diff['name'] = { from: current.name, to: patch.name };
    }
    if (body.description !== undefined && body.description !== current.description) {
      patch.description = body.description;
      diff['description'] = { from: current.description, to: body.description };
    }
    const row = await withTransaction(this.db, async (tx) => {
      const updated = await this.repo.update(id, patch, tx);
      if (!updated) throw new NotFoundException(`Segment ${id} not found`);
      await this.audit.record({ actor, action: 'segment.updated', entity: 'segment', entityId: id, diff }, tx);
      return updated;
    }).catch((e) => this.rethrowNameConflict(e, patch.name ?? current.name));
    await this.snapshot(row);
    const [dto] = await this.toDtos([row]);
    return dto;
  }

  /** Deleting a segment a campaign uses would orphan the campaign's history: 409, archive it instead. */
  async remove(id: string, actor: AuthUser): Promise<void> {
    const current = await this.requireSegment(id);
    await withTransaction(this.db, async (tx) => {
      const used = (await this.repo.campaignUsage([id], tx)).get(id) ?? 0;
      if (used > 0) throw this.inUse(current.name, used);
      await this.repo.delete(id, tx);
      await this.audit.record(
        {
          actor,
          action: 'segment.deleted',
          entity: 'segment',
          entityId: id,
          diff: { name: current.name, rules: current.rules },
        },
        tx,
      );
    }).catch((e) => {
      // a campaign created between the check and the delete trips the foreign key
      if (pgErrorCode(e) === '23503') throw this.inUse(current.name, 1);
      throw e;
    });
  }

  async setArchived(id: string, archived: boolean, actor: AuthUser): Promise<SegmentDto> {
    const current = await this.requireSegment(id);
    let row = current;
    if (!!current.archivedAt !== archived) {
      row = await withTransaction(this.db, async (tx) => {
        const updated = (await this.repo.update(
          id,
          { archivedAt: archived ? new Date() : null, updatedAt: new Date() },
          tx,
        )) as SegmentRow;
        await this.audit.record(
          { actor, action: archived ? 'segment.archived' : 'segment.unarchived', entity: 'segment', entityId: id },
          tx,
        );
        return updated;
      });
    }
    const [dto] = await this.toDtos([row]);
    return dto;
  }

  /**
   * Records the current audience size of each non-archived segment. `freshSince` skips segments
   * that already have a snapshot since then (another instance's run, or a recent save).
   */
  async snapshotAll(options: { freshSince?: Date } = {}): Promise<{ snapshotted: number; failed: number }> {
    const targets = await this.repo.segmentsToSnapshot(options.freshSince);
    let snapshotted = 0;
    let failed = 0;
    for (const seg of targets) {
      if (await this.snapshot(seg)) snapshotted++;
      else failed++;
    }
    return { snapshotted, failed };
  }

  /** Best effort: a segment that cannot be counted right now (timeout, stale rules) is still saved. */
  private async snapshot(seg: Pick<SegmentRow, 'id' | 'rules'>): Promise<boolean> {
    try {
      const predicate = compileSegmentRules(storedRulesOrThrow(seg.rules, seg.id), { now: new Date() });
      const size = await this.withTimeout((tx) => this.repo.count(tx, predicate));
      await this.repo.insertSnapshot(seg.id, size);
      return true;
    } catch (e) {
      this.logger.warn(`snapshot of segment ${seg.id} failed: ${(e as Error).message}`);
      return false;
    }
  }

  async requireSegment(id: string): Promise<SegmentRow> {
    const row = await this.repo.findById(id);
    if (!row) throw new NotFoundException(`Segment ${id} not found`);
    return row;
  }

  private async toDtos(rows: SegmentRow[]): Promise<SegmentDto[]> {
    const ids = rows.map((r) => r.id);
    const [trends, usage] = await Promise.all([this.repo.sizeTrends(ids, TREND_POINTS), this.repo.campaignUsage(ids)]);
    return rows.map((r) =>
      toSegmentDto(
        r,
        { sizeTrend: trends.get(r.id) ?? [], usedByCampaigns: usage.get(r.id) ?? 0 },
        this.config.defaults.currency,
      ),
    );
  }

  private async assertNameFree(name: string, exceptId?: string): Promise<void> {
    if (await this.repo.nameTaken(name, exceptId)) throw nameConflict(name);
  }

  private rethrowNameConflict(e: unknown, name: string): never {
    if (isUniqueViolation(e)) throw nameConflict(name);
    throw e;
  }

  private inUse(name: string, campaigns: number): ConflictException {
    return new ConflictException(
      `Segment "${name}" is used by ${campaigns} campaign${campaigns === 1 ? '' : 's'} and cannot be deleted; archive it instead`,
    );
  }
}

function nameConflict(name: string): ConflictException {
  return new ConflictException(`A segment named "${name}" already exists; choose another name`);
}
