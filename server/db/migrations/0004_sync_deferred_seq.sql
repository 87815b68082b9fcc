CREATE SEQUENCE "public"."sync_pending" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
-- A push writes its records at placeholder positions (-nextval('sync_pending')); at COMMIT this
-- deferred trigger takes the feed lock (727402, held until the commit ends) and gives each
-- record its position from sync_seq. Every sync_seq value is still taken under the feed lock
-- held until commit, so commit order is feed order, but a push holds the lock only while
-- PostgreSQL commits it, not across its round trips (docs/SYNC.md "The change feed never skips").
CREATE FUNCTION "sync_take_seq"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(727402);
	UPDATE "sync_records" SET "seq" = nextval('sync_seq')
	WHERE "collection" = NEW."collection" AND "id" = NEW."id" AND "seq" < 0;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "sync_records_take_seq" AFTER INSERT OR UPDATE ON "sync_records"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW."seq" < 0) EXECUTE FUNCTION "sync_take_seq"();
--> statement-breakpoint
-- Per-record locks of a push, taken in one order (hash order) so pushes never deadlock: the
-- records written exclusive, the customers their children name shared. First the writers'
-- gate (727403) shared: a scope change (userScopeChanged) takes it exclusive.
CREATE FUNCTION "sync_lock_records"("p_write" jsonb, "p_read" jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
	PERFORM pg_advisory_xact_lock_shared(727403);
	FOR r IN
		SELECT hashtext(x.k) AS h, bool_and(x.s) AS s FROM (
			SELECT jsonb_array_elements_text("p_write") AS k, false AS s
			UNION ALL SELECT jsonb_array_elements_text("p_read"), true
		) x GROUP BY 1 ORDER BY 1
	LOOP
		IF r.s THEN PERFORM pg_advisory_xact_lock_shared(727404, r.h);
		ELSE PERFORM pg_advisory_xact_lock(727404, r.h);
		END IF;
	END LOOP;
END $$;
