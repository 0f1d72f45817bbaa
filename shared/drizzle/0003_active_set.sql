ALTER TABLE "nodes" ADD COLUMN "in_active_set" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "nodes" ADD COLUMN "active_set_joined_epoch" bigint;