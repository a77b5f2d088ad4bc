CREATE TABLE "city_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"city" text NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
