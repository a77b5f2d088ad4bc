-- Free room on each page of messages so receipt updates, which change only timestamps (no
-- indexed column), are heap-only (HOT) updates that write none of the table's indexes.
ALTER TABLE "messages" SET (fillfactor = 50);
