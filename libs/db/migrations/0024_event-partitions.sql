-- Hand-written (issue 19): message_events and engagement_events become tables partitioned by month of their
-- message (`message_month`), so old months can be dropped whole (EventPartitionsCron, MESSAGE_EVENTS_RETENTION_MONTHS).
-- A unique key of a partitioned table must hold the partition key; with the message's month (not the event's time)
-- every event of one message lands in one partition, so (receipt_id, message_month), (message_id, type,
-- message_month) and (hit_id, message_month) still make a replayed receipt or hit a no-op.
-- Each table: the old one is renamed, the new one created with a DEFAULT partition and one partition per month its
-- rows need (and the current and next three), rows copied, the old table dropped, then keys, indexes and FKs built.

-- The month of a message, as every writer stores it: the first day of the UTC month it was queued in.
CREATE FUNCTION "message_month_of"("queued_at" timestamp with time zone) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (date_trunc('month', "queued_at" AT TIME ZONE 'UTC'))::date $$;--> statement-breakpoint
-- Creates the partition `<parent>_yYYYYmMM` of `month` unless it exists (true when it made one). Rows of that month
-- already in `<parent>_default` move into it first (a partition cannot be created over rows the default holds).
-- ATTACH takes a lighter lock on the parent than CREATE TABLE … PARTITION OF (writers keep going).
CREATE FUNCTION "event_month_partition"("parent" text, "month" date) RETURNS boolean
  LANGUAGE plpgsql
  AS $$
DECLARE
  "first" date := date_trunc('month', "month")::date;
  "next" date := (date_trunc('month', "month") + interval '1 month')::date;
  "part" text := "parent" || to_char(date_trunc('month', "month"), '"_y"YYYY"m"MM');
BEGIN
  IF to_regclass(quote_ident("part")) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE %I)', "part", "parent");
  EXECUTE format(
    'WITH moved AS (DELETE FROM %I WHERE message_month >= %L AND message_month < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
    "parent" || '_default', "first", "next", "part");
  EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', "parent", "part", "first", "next");
  RETURN true;
END
$$;--> statement-breakpoint

ALTER TABLE "message_events" RENAME TO "message_events_unpartitioned";--> statement-breakpoint
CREATE TABLE "message_events" (
	"receipt_id" text NOT NULL,
	"message_id" uuid NOT NULL,
	"message_month" date NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"meta" jsonb
) PARTITION BY RANGE ("message_month");--> statement-breakpoint
CREATE TABLE "message_events_default" PARTITION OF "message_events" DEFAULT;--> statement-breakpoint
SELECT "event_month_partition"('message_events', "month") FROM (
  SELECT DISTINCT "message_month_of"(m."queued_at") AS "month"
    FROM "message_events_unpartitioned" e JOIN "messages" m ON m."id" = e."message_id"
  UNION SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => n))::date FROM generate_series(0, 3) n
) "months";--> statement-breakpoint
INSERT INTO "message_events" ("receipt_id", "message_id", "message_month", "type", "at", "meta")
  SELECT e."receipt_id", e."message_id", "message_month_of"(m."queued_at"), e."type", e."at", e."meta"
  FROM "message_events_unpartitioned" e JOIN "messages" m ON m."id" = e."message_id";--> statement-breakpoint
DROP TABLE "message_events_unpartitioned";--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_receipt_id_message_month_pk" PRIMARY KEY("receipt_id","message_month");--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_events_message_idx" ON "message_events" USING btree ("message_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "message_events_message_type_uq" ON "message_events" USING btree ("message_id","type","message_month");--> statement-breakpoint

ALTER TABLE "engagement_events" RENAME TO "engagement_events_unpartitioned";--> statement-breakpoint
ALTER SEQUENCE "engagement_events_id_seq" RENAME TO "engagement_events_unpartitioned_id_seq";--> statement-breakpoint
CREATE TABLE "engagement_events" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "engagement_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"hit_id" text NOT NULL,
	"message_id" uuid NOT NULL,
	"message_month" date NOT NULL,
	"campaign_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"link_id" integer,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"user_agent" text,
	"ip_hash" text,
	"machine" boolean DEFAULT false NOT NULL,
	"machine_reason" text
) PARTITION BY RANGE ("message_month");--> statement-breakpoint
CREATE TABLE "engagement_events_default" PARTITION OF "engagement_events" DEFAULT;--> statement-breakpoint
SELECT "event_month_partition"('engagement_events', "month") FROM (
  SELECT DISTINCT "message_month_of"(m."queued_at") AS "month"
    FROM "engagement_events_unpartitioned" e JOIN "messages" m ON m."id" = e."message_id"
  UNION SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => n))::date FROM generate_series(0, 3) n
) "months";--> statement-breakpoint
INSERT INTO "engagement_events" ("id", "hit_id", "message_id", "message_month", "campaign_id", "customer_id", "link_id", "type", "at", "user_agent", "ip_hash", "machine", "machine_reason")
  OVERRIDING SYSTEM VALUE
  SELECT e."id", e."hit_id", e."message_id", "message_month_of"(m."queued_at"), e."campaign_id", e."customer_id", e."link_id", e."type", e."at", e."user_agent", e."ip_hash", e."machine", e."machine_reason"
  FROM "engagement_events_unpartitioned" e JOIN "messages" m ON m."id" = e."message_id";--> statement-breakpoint
SELECT setval('"engagement_events_id_seq"', coalesce((SELECT max("id") FROM "engagement_events"), 0) + 1, false);--> statement-breakpoint
DROP TABLE "engagement_events_unpartitioned";--> statement-breakpoint
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_id_message_month_pk" PRIMARY KEY("id","message_month");--> statement-breakpoint
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_link_id_campaign_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."campaign_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_events_hit_uq" ON "engagement_events" USING btree ("hit_id","message_month");--> statement-breakpoint
CREATE INDEX "engagement_events_campaign_idx" ON "engagement_events" USING btree ("campaign_id","at");--> statement-breakpoint
CREATE INDEX "engagement_events_customer_idx" ON "engagement_events" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "engagement_events_message_idx" ON "engagement_events" USING btree ("message_id","at");--> statement-breakpoint
CREATE INDEX "engagement_events_link_idx" ON "engagement_events" USING btree ("link_id") WHERE "engagement_events"."link_id" is not null;
