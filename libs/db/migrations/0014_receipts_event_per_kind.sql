-- Hand-written (issue 14): before the unique index, keep one event per (message_id, type), the earliest
-- (then the smallest receipt id); older deployments stored every repeated receipt (e.g. 20,000 `opened`).
DELETE FROM "message_events" e USING "message_events" k WHERE k."message_id" = e."message_id" AND k."type" = e."type" AND (k."at", k."receipt_id") < (e."at", e."receipt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_events_message_type_uq" ON "message_events" USING btree ("message_id","type");