CREATE TABLE "import_upload_chunks" (
	"upload_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_upload_chunks_upload_id_seq_pk" PRIMARY KEY("upload_id","seq")
);
