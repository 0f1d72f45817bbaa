CREATE TABLE "blob_metadata" (
	"object_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"epoch" bigint NOT NULL,
	"checkpoint" bigint NOT NULL,
	CONSTRAINT "blob_metadata_object_id_key_pk" PRIMARY KEY("object_id","key")
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"object_id" text PRIMARY KEY NOT NULL,
	"blob_id" numeric(78, 0) NOT NULL,
	"owner" text NOT NULL,
	"size" numeric(39, 0) NOT NULL,
	"encoding_type" integer NOT NULL,
	"deletable" boolean NOT NULL,
	"state" text NOT NULL,
	"invalidated" boolean NOT NULL,
	"registered_epoch" bigint NOT NULL,
	"certified_epoch" bigint,
	"deleted_epoch" bigint,
	"burned_epoch" bigint,
	"end_epoch" bigint NOT NULL,
	"extensions" integer NOT NULL,
	"write_fee" numeric(39, 0) NOT NULL,
	"registered_checkpoint" bigint NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"updated_checkpoint" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_changes" (
	"checkpoint" bigint NOT NULL,
	"tx_digest" text NOT NULL,
	"event_index" integer NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"epoch" bigint NOT NULL,
	"node_id" text NOT NULL,
	"rate_bps" integer NOT NULL,
	"effective_epoch" bigint NOT NULL,
	CONSTRAINT "commission_changes_checkpoint_tx_digest_event_index_pk" PRIMARY KEY("checkpoint","tx_digest","event_index")
);
--> statement-breakpoint
CREATE TABLE "commission_collections" (
	"checkpoint" bigint NOT NULL,
	"tx_digest" text NOT NULL,
	"event_index" integer NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"epoch" bigint NOT NULL,
	"node_id" text NOT NULL,
	"amount" numeric(39, 0) NOT NULL,
	"receiver" text NOT NULL,
	CONSTRAINT "commission_collections_checkpoint_tx_digest_event_index_pk" PRIMARY KEY("checkpoint","tx_digest","event_index")
);
--> statement-breakpoint
CREATE TABLE "committee_members" (
	"epoch" bigint NOT NULL,
	"node_id" text NOT NULL,
	"shards" integer NOT NULL,
	"selected_checkpoint" bigint NOT NULL,
	"received_shards" integer[],
	CONSTRAINT "committee_members_epoch_node_id_pk" PRIMARY KEY("epoch","node_id")
);
--> statement-breakpoint
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
CREATE TABLE "epoch_fees" (
	"epoch" bigint PRIMARY KEY NOT NULL,
	"storage_paid" numeric(39, 0) NOT NULL,
	"storage_reserved_bytes" numeric(39, 0) NOT NULL,
	"storage_reservations" integer NOT NULL,
	"write_fees" numeric(39, 0) NOT NULL,
	"blobs_registered" integer NOT NULL,
	"rewards_added" numeric(39, 0) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epochs" (
	"epoch" bigint PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"start_checkpoint" bigint,
	"started_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"voting_ended_at" timestamp with time zone,
	"total_stake" numeric(39, 0),
	"rewards" numeric(39, 0),
	"burned" numeric(39, 0),
	"committee_size" integer,
	"committee_shards" integer,
	"storage_price" numeric(39, 0),
	"write_price" numeric(39, 0),
	"capacity" numeric(39, 0),
	"updated_checkpoint" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invalid_blob_ids" (
	"blob_id" numeric(78, 0) PRIMARY KEY NOT NULL,
	"epoch" bigint NOT NULL,
	"checkpoint" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_epochs" (
	"node_id" text NOT NULL,
	"epoch" bigint NOT NULL,
	"checkpoint" bigint NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"stake" numeric(39, 0) NOT NULL,
	"shares" numeric(39, 0) NOT NULL,
	"rewards" numeric(39, 0) NOT NULL,
	"commission" numeric(39, 0) NOT NULL,
	"activated" numeric(39, 0) NOT NULL,
	"withdrawn" numeric(39, 0) NOT NULL,
	"rate_wal" numeric(39, 0) NOT NULL,
	"rate_shares" numeric(39, 0) NOT NULL,
	"shards" integer NOT NULL,
	"apy" double precision,
	CONSTRAINT "node_epochs_node_id_epoch_pk" PRIMARY KEY("node_id","epoch")
);
--> statement-breakpoint
CREATE TABLE "nodes" (
	"node_id" text PRIMARY KEY NOT NULL,
	"operator" text NOT NULL,
	"name" text NOT NULL,
	"network_address" text NOT NULL,
	"public_key" "bytea" NOT NULL,
	"network_public_key" "bytea",
	"metadata_url" text,
	"commission_bps" integer NOT NULL,
	"pending_commission_bps" integer,
	"pending_commission_epoch" bigint,
	"stake" numeric(39, 0) NOT NULL,
	"shares" numeric(39, 0) NOT NULL,
	"rate_wal" numeric(39, 0) NOT NULL,
	"rate_shares" numeric(39, 0) NOT NULL,
	"last_pool_epoch" bigint,
	"status" text NOT NULL,
	"shards" integer NOT NULL,
	"next_shards" integer,
	"next_committee_epoch" bigint,
	"slash_count" integer NOT NULL,
	"stake_slashed" numeric(39, 0) NOT NULL,
	"commission_burned" numeric(39, 0) NOT NULL,
	"commission_collected" numeric(39, 0) NOT NULL,
	"voted_storage_price" numeric(39, 0),
	"voted_write_price" numeric(39, 0),
	"voted_capacity" numeric(39, 0),
	"registered_epoch" bigint NOT NULL,
	"registered_checkpoint" bigint NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"updated_checkpoint" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "package_upgrades" (
	"checkpoint" bigint NOT NULL,
	"tx_digest" text NOT NULL,
	"event_index" integer NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"epoch" bigint NOT NULL,
	"package_id" text NOT NULL,
	"version" numeric(39, 0) NOT NULL,
	CONSTRAINT "package_upgrades_checkpoint_tx_digest_event_index_pk" PRIMARY KEY("checkpoint","tx_digest","event_index")
);
--> statement-breakpoint
CREATE TABLE "parameters" (
	"epoch" bigint NOT NULL,
	"name" text NOT NULL,
	"value" numeric(39, 0) NOT NULL,
	"checkpoint" bigint NOT NULL,
	CONSTRAINT "parameters_epoch_name_pk" PRIMARY KEY("epoch","name")
);
--> statement-breakpoint
CREATE TABLE "price_changes" (
	"checkpoint" bigint NOT NULL,
	"tx_digest" text NOT NULL,
	"event_index" integer NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"epoch" bigint NOT NULL,
	"storage_price" numeric(39, 0) NOT NULL,
	"write_price" numeric(39, 0) NOT NULL,
	CONSTRAINT "price_changes_checkpoint_tx_digest_event_index_pk" PRIMARY KEY("checkpoint","tx_digest","event_index")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"proposal_id" text PRIMARY KEY NOT NULL,
	"proposer" text NOT NULL,
	"kind" text NOT NULL,
	"payload" "bytea" NOT NULL,
	"parameter_name" text,
	"parameter_value" numeric(39, 0),
	"text" text,
	"deposit" numeric(39, 0) NOT NULL,
	"created_epoch" bigint NOT NULL,
	"end_epoch" bigint NOT NULL,
	"status" text NOT NULL,
	"yes" numeric(39, 0),
	"no" numeric(39, 0),
	"abstain" numeric(39, 0),
	"veto" numeric(39, 0),
	"vote_count" integer NOT NULL,
	"finalized_epoch" bigint,
	"executed_epoch" bigint,
	"created_checkpoint" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_checkpoint" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slash_votes" (
	"checkpoint" bigint NOT NULL,
	"tx_digest" text NOT NULL,
	"event_index" integer NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"epoch" bigint NOT NULL,
	"voter_node_id" text NOT NULL,
	"target_node_id" text NOT NULL,
	"weight" numeric(39, 0) NOT NULL,
	"total_weight" numeric(39, 0) NOT NULL,
	CONSTRAINT "slash_votes_checkpoint_tx_digest_event_index_pk" PRIMARY KEY("checkpoint","tx_digest","event_index")
);
--> statement-breakpoint
CREATE TABLE "slashes" (
	"checkpoint" bigint NOT NULL,
	"tx_digest" text NOT NULL,
	"event_index" integer NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"epoch" bigint NOT NULL,
	"node_id" text NOT NULL,
	"commission_burned" numeric(39, 0) NOT NULL,
	"stake_burned" numeric(39, 0) NOT NULL,
	"rate_wal" numeric(39, 0) NOT NULL,
	"rate_shares" numeric(39, 0) NOT NULL,
	CONSTRAINT "slashes_checkpoint_tx_digest_event_index_pk" PRIMARY KEY("checkpoint","tx_digest","event_index")
);
--> statement-breakpoint
CREATE TABLE "stake_events" (
	"checkpoint" bigint NOT NULL,
	"tx_digest" text NOT NULL,
	"event_index" integer NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"epoch" bigint NOT NULL,
	"kind" text NOT NULL,
	"staked_wal_id" text NOT NULL,
	"node_id" text,
	"owner" text,
	"amount" numeric(39, 0) NOT NULL,
	"rewards" numeric(39, 0),
	"slashed" numeric(39, 0),
	"related_id" text,
	"effective_epoch" bigint,
	CONSTRAINT "stake_events_checkpoint_tx_digest_event_index_pk" PRIMARY KEY("checkpoint","tx_digest","event_index")
);
--> statement-breakpoint
CREATE TABLE "stake_positions" (
	"staked_wal_id" text PRIMARY KEY NOT NULL,
	"owner" text,
	"node_id" text,
	"principal" numeric(39, 0) NOT NULL,
	"state" text NOT NULL,
	"activation_epoch" bigint,
	"created_epoch" bigint NOT NULL,
	"withdraw_requested_epoch" bigint,
	"withdraw_epoch" bigint,
	"withdrawn_epoch" bigint,
	"rewards" numeric(39, 0),
	"slashed" numeric(39, 0),
	"split_from" text,
	"joined_into" text,
	"created_checkpoint" bigint NOT NULL,
	"updated_checkpoint" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "storage_resources" (
	"storage_id" text PRIMARY KEY NOT NULL,
	"owner" text,
	"size" numeric(39, 0) NOT NULL,
	"start_epoch" bigint NOT NULL,
	"end_epoch" bigint NOT NULL,
	"paid" numeric(39, 0),
	"state" text NOT NULL,
	"split_from" text,
	"fused_into" text,
	"epoch" bigint NOT NULL,
	"checkpoint" bigint NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"updated_checkpoint" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"proposal_id" text NOT NULL,
	"voter" text NOT NULL,
	"is_node" boolean NOT NULL,
	"option" text NOT NULL,
	"weight" numeric(39, 0) NOT NULL,
	"epoch" bigint NOT NULL,
	"checkpoint" bigint NOT NULL,
	"tx_digest" text NOT NULL,
	"event_index" integer NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"revotes" integer NOT NULL,
	CONSTRAINT "votes_proposal_id_voter_pk" PRIMARY KEY("proposal_id","voter")
);
--> statement-breakpoint
CREATE TABLE "watermarks" (
	"pipeline" text PRIMARY KEY NOT NULL,
	"checkpoint" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "blobs_blob_id" ON "blobs" USING btree ("blob_id");--> statement-breakpoint
CREATE INDEX "blobs_owner" ON "blobs" USING btree ("owner","registered_checkpoint");--> statement-breakpoint
CREATE INDEX "blobs_state_end" ON "blobs" USING btree ("state","end_epoch");--> statement-breakpoint
CREATE INDEX "commission_changes_node" ON "commission_changes" USING btree ("node_id","effective_epoch");--> statement-breakpoint
CREATE INDEX "commission_collections_node" ON "commission_collections" USING btree ("node_id","checkpoint");--> statement-breakpoint
CREATE INDEX "committee_members_node" ON "committee_members" USING btree ("node_id","epoch");--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letters_event" ON "dead_letters" USING btree ("checkpoint","tx_digest","event_index");--> statement-breakpoint
CREATE INDEX "node_epochs_epoch" ON "node_epochs" USING btree ("epoch");--> statement-breakpoint
CREATE INDEX "nodes_operator" ON "nodes" USING btree ("operator");--> statement-breakpoint
CREATE INDEX "nodes_status_stake" ON "nodes" USING btree ("status","stake");--> statement-breakpoint
CREATE INDEX "parameters_name" ON "parameters" USING btree ("name","epoch");--> statement-breakpoint
CREATE INDEX "price_changes_epoch" ON "price_changes" USING btree ("epoch");--> statement-breakpoint
CREATE INDEX "proposals_status" ON "proposals" USING btree ("status","end_epoch");--> statement-breakpoint
CREATE INDEX "proposals_proposer" ON "proposals" USING btree ("proposer");--> statement-breakpoint
CREATE INDEX "slash_votes_target" ON "slash_votes" USING btree ("target_node_id","epoch");--> statement-breakpoint
CREATE INDEX "slash_votes_voter" ON "slash_votes" USING btree ("voter_node_id","epoch");--> statement-breakpoint
CREATE INDEX "slashes_node" ON "slashes" USING btree ("node_id","epoch");--> statement-breakpoint
CREATE INDEX "stake_events_owner" ON "stake_events" USING btree ("owner","checkpoint");--> statement-breakpoint
CREATE INDEX "stake_events_node" ON "stake_events" USING btree ("node_id","checkpoint");--> statement-breakpoint
CREATE INDEX "stake_events_position" ON "stake_events" USING btree ("staked_wal_id");--> statement-breakpoint
CREATE INDEX "stake_positions_owner" ON "stake_positions" USING btree ("owner","state");--> statement-breakpoint
CREATE INDEX "stake_positions_node" ON "stake_positions" USING btree ("node_id","state");--> statement-breakpoint
CREATE INDEX "stake_positions_pending" ON "stake_positions" USING btree ("activation_epoch") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "storage_resources_owner" ON "storage_resources" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "storage_resources_end" ON "storage_resources" USING btree ("end_epoch");--> statement-breakpoint
CREATE INDEX "votes_voter" ON "votes" USING btree ("voter");