-- Segment rules and the customers list compare city/country case-insensitively (lower(col) = lower($1)),
-- served by the lower() expression indexes; the plain ones were never used and cost every import.
DROP INDEX IF EXISTS "customers_city_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "customers_country_idx";
