-- Sending windows (issue 13): per-campaign window, a per-message "send after" while a message waits for its
-- recipient's window, and the admin-edited workspace sending settings (one row).
CREATE TABLE "sending_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"time_zone" text,
	"windows" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sending_settings_single_row" CHECK ("sending_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "sending_window" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "send_after" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "messages_send_after_idx" ON "messages" USING btree ("send_after") WHERE "messages"."status" = 'queued' and "messages"."send_after" is not null;