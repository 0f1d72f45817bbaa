CREATE TABLE "indexed_source" (
	"id" integer PRIMARY KEY NOT NULL,
	"chain_id" text NOT NULL,
	"package_ids" text[] NOT NULL,
	"start_checkpoint" bigint NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
