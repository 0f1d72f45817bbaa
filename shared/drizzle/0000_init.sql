CREATE TABLE "dead_letters" (
	"id" serial PRIMARY KEY NOT NULL,
	"pipeline" text NOT NULL,
	"checkpoint" bigint NOT NULL,
	"tx_digest" text NOT NULL,
	"event_index" integer NOT NULL,
	"event_type" text NOT NULL,
	"contents" "bytea" NOT NULL,
	"error" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watermarks" (
	"pipeline" text PRIMARY KEY NOT NULL,
	"checkpoint" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
