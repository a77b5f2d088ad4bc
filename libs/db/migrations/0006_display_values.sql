-- Display values of rows imported before the import standardized them (libs/customer-data displayCase and
-- CITY_ALIASES): city aliases to the official name, and names and cities typed in one case to initcap.
-- Only ASCII values are recased here (initcap's rule for them is exactly displayCase's); others keep their case.
UPDATE "customers" SET "city" = a.official, "updated_at" = now()
FROM (VALUES
  ('bombay', 'Mumbai'),
  ('bangalore', 'Bengaluru'),
  ('madras', 'Chennai'),
  ('calcutta', 'Kolkata'),
  ('poona', 'Pune'),
  ('gurgaon', 'Gurugram'),
  ('baroda', 'Vadodara'),
  ('trivandrum', 'Thiruvananthapuram'),
  ('cochin', 'Kochi'),
  ('mysore', 'Mysuru'),
  ('mangalore', 'Mangaluru'),
  ('benares', 'Varanasi'),
  ('banaras', 'Varanasi'),
  ('pondicherry', 'Puducherry'),
  ('new bombay', 'Navi Mumbai'),
  ('allahabad', 'Prayagraj'),
  ('belgaum', 'Belagavi'),
  ('hubli', 'Hubballi')
) AS a(alias, official)
WHERE lower("customers"."city") = a.alias AND "customers"."city" <> a.official;
--> statement-breakpoint
UPDATE "customers" SET
  "city" = CASE WHEN "city" ~ '^[ -~]*[A-Za-z][ -~]*$' AND ("city" = lower("city") OR "city" = upper("city")) THEN initcap("city") ELSE "city" END,
  "first_name" = CASE WHEN "first_name" ~ '^[ -~]*[A-Za-z][ -~]*$' AND ("first_name" = lower("first_name") OR "first_name" = upper("first_name")) THEN initcap("first_name") ELSE "first_name" END,
  "last_name" = CASE WHEN "last_name" ~ '^[ -~]*[A-Za-z][ -~]*$' AND ("last_name" = lower("last_name") OR "last_name" = upper("last_name")) THEN initcap("last_name") ELSE "last_name" END,
  "updated_at" = now()
WHERE ("city" ~ '^[ -~]*[A-Za-z][ -~]*$' AND ("city" = lower("city") OR "city" = upper("city")) AND "city" <> initcap("city"))
   OR ("first_name" ~ '^[ -~]*[A-Za-z][ -~]*$' AND ("first_name" = lower("first_name") OR "first_name" = upper("first_name")) AND "first_name" <> initcap("first_name"))
   OR ("last_name" ~ '^[ -~]*[A-Za-z][ -~]*$' AND ("last_name" = lower("last_name") OR "last_name" = upper("last_name")) AND "last_name" <> initcap("last_name"));
