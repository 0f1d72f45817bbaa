DROP INDEX "blobs_state_end";--> statement-breakpoint
DROP INDEX "stake_positions_pending";--> statement-breakpoint
DROP INDEX "stake_positions_owner";--> statement-breakpoint
DROP INDEX "stake_positions_node";--> statement-breakpoint
CREATE INDEX "stake_positions_activation" ON "stake_positions" USING btree ("activation_epoch");--> statement-breakpoint
CREATE INDEX "stake_positions_owner" ON "stake_positions" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "stake_positions_node" ON "stake_positions" USING btree ("node_id");--> statement-breakpoint
-- Room on every page for a row's next versions, so that updates stay on the
-- page (see the schema's notes on stake_positions and blobs).
ALTER TABLE "stake_positions" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "blobs" SET (fillfactor = 80);
