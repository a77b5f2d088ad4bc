CREATE TABLE "campaign_experiments" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"holdout" double precision DEFAULT 0 NOT NULL,
	"test_share" double precision,
	"metric" text,
	"wait_minutes" integer,
	"confidence" double precision DEFAULT 0.95 NOT NULL,
	"fallback" text DEFAULT 'best' NOT NULL,
	"phase" text DEFAULT 'test' NOT NULL,
	"winner" text,
	"reason" text,
	"decide_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decision" jsonb
);
--> statement-breakpoint
CREATE TABLE "campaign_holdout" (
	"campaign_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	CONSTRAINT "campaign_holdout_campaign_id_customer_id_pk" PRIMARY KEY("campaign_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "campaign_experiments" ADD CONSTRAINT "campaign_experiments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_holdout" ADD CONSTRAINT "campaign_holdout_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_holdout" ADD CONSTRAINT "campaign_holdout_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_holdout_customer_idx" ON "campaign_holdout" USING btree ("customer_id");