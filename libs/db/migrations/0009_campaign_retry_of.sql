ALTER TABLE "campaigns" ADD COLUMN "retry_of" uuid;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_retry_of_campaigns_id_fk" FOREIGN KEY ("retry_of") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_retry_of_idx" ON "campaigns" USING btree ("retry_of");