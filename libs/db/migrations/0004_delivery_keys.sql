-- Nothing looks a message up by its vendor id (receipts name our message id, their idempotency
-- key), so this unique index only cost one random-key insert per send.
DROP INDEX IF EXISTS "messages_vendor_id_uq";
--> statement-breakpoint
-- The vendor's receipt id is the event's key: one unique b-tree instead of a random uuid primary
-- key plus a unique index on receipt_id. Every event has come from a receipt.
ALTER TABLE "message_events" DROP COLUMN "id";
--> statement-breakpoint
DROP INDEX IF EXISTS "message_events_receipt_uq";
--> statement-breakpoint
ALTER TABLE "message_events" ALTER COLUMN "receipt_id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_pkey" PRIMARY KEY ("receipt_id");
