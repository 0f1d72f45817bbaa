DROP INDEX "stake_positions_pending";--> statement-breakpoint
DROP INDEX "stake_positions_owner";--> statement-breakpoint
DROP INDEX "stake_positions_node";--> statement-breakpoint
CREATE INDEX "stake_positions_activation" ON "stake_positions" USING btree ("activation_epoch");--> statement-breakpoint
CREATE INDEX "stake_positions_owner" ON "stake_positions" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "stake_positions_node" ON "stake_positions" USING btree ("node_id");--> statement-breakpoint
-- Room on every page for the row's next versions (see the schema's note on stake_positions).
ALTER TABLE "stake_positions" SET (fillfactor = 70);
