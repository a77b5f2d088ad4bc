DROP INDEX "customers_rfm_segment_idx";--> statement-breakpoint
DROP INDEX "customers_churn_risk_idx";--> statement-breakpoint
DROP INDEX "customers_predicted_clv_idx";--> statement-breakpoint
-- Free room on each page of customers so an insights run, which rewrites every customer's score
-- columns (none indexed any more), makes heap-only (HOT) updates that write none of the table's
-- indexes: measured ≈ 30× faster than updating 1M rows through its ~20 indexes. Pages already full
-- get the room as their rows are next rewritten (the first run after this migration is still slow).
ALTER TABLE "customers" SET (fillfactor = 50);
