ALTER TABLE "sync_records" ADD COLUMN "customer_owner_id" text;
--> statement-breakpoint
-- Children take their customer's owner (null while the customer has not arrived).
UPDATE "sync_records" AS "child" SET "customer_owner_id" = "customer"."owner_id" FROM "sync_records" AS "customer" WHERE "customer"."collection" = 'customers' AND "customer"."id" = "child"."customer_id" AND "child"."collection" <> 'customers';
