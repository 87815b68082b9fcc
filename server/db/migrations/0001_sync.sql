CREATE SEQUENCE "public"."sync_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "sync_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sync_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"collection" text NOT NULL,
	"record_id" text NOT NULL,
	"at" bigint NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"field" text,
	"value" jsonb,
	"previous" jsonb,
	"device_at" bigint
);
--> statement-breakpoint
CREATE TABLE "sync_records" (
	"collection" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb NOT NULL,
	"owner_id" text,
	"customer_id" text,
	"pushed_by" text NOT NULL,
	"deleted" boolean NOT NULL,
	"updated_at" bigint NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "sync_records_collection_id_pk" PRIMARY KEY("collection","id")
);
--> statement-breakpoint
CREATE TABLE "sync_user_feed" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"collection" text NOT NULL,
	"record_id" text NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sync_history_record_idx" ON "sync_history" USING btree ("collection","record_id","id");--> statement-breakpoint
CREATE INDEX "sync_records_feed_idx" ON "sync_records" USING btree ("collection","seq");--> statement-breakpoint
CREATE INDEX "sync_records_owner_idx" ON "sync_records" USING btree ("collection","owner_id");--> statement-breakpoint
CREATE INDEX "sync_records_customer_idx" ON "sync_records" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "sync_user_feed_idx" ON "sync_user_feed" USING btree ("user_id","collection","seq");