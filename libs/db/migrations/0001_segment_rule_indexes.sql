CREATE INDEX "customers_city_lower_idx" ON "customers" USING btree (lower("city"));--> statement-breakpoint
CREATE INDEX "customers_country_lower_idx" ON "customers" USING btree (lower("country"));--> statement-breakpoint
CREATE INDEX "customers_visit_count_idx" ON "customers" USING btree ("visit_count");--> statement-breakpoint
CREATE INDEX "customers_first_order_idx" ON "customers" USING btree ("first_order_at");