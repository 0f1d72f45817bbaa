ALTER TABLE "epochs" ADD COLUMN "sync_timed_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "epochs" ADD COLUMN "unsynced_node_ids" text[];