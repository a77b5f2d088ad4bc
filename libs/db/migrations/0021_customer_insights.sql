CREATE TABLE "insight_models" (
	"id" uuid PRIMARY KEY NOT NULL,
	"params" jsonb NOT NULL,
	"spend" jsonb,
	"customers" integer NOT NULL,
	"scored" integer NOT NULL,
	"log_likelihood" double precision NOT NULL,
	"note" text,
	"fitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "rfm_score" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "rfm_segment" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "recency_score" smallint;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "frequency_score" smallint;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "monetary_score" smallint;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "churn_risk" double precision;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "p_alive" double precision;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "expected_orders_30d" double precision;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "expected_orders_90d" double precision;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "predicted_clv" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "avg_order_value" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "scored_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "customers_rfm_segment_idx" ON "customers" USING btree ("rfm_segment");--> statement-breakpoint
CREATE INDEX "customers_churn_risk_idx" ON "customers" USING btree ("churn_risk");--> statement-breakpoint
CREATE INDEX "customers_predicted_clv_idx" ON "customers" USING btree ("predicted_clv");