-- The guard of an optimistic push (server/sync/push.ts): the push read the stored rows without
-- locks and decided its writes; in the same statement as those writes, this takes its locks
-- as sync_lock_records does and answers whether everything the decision rested on is still as
-- read: `p_expect` lists [collection, id, seq] (seq null: the record did not exist) for each
-- record of the batch; `p_customers` [id, owner_id, exists] for each customer whose owner the
-- decision used; `p_team` (managers) {manager, team: ids in C order} as read. False: the statement writes nothing and the push starts again.
CREATE FUNCTION "sync_push_check"("p_write" jsonb, "p_read" jsonb, "p_expect" jsonb, "p_customers" jsonb, "p_team" jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	PERFORM sync_lock_records(
		(SELECT coalesce(jsonb_agg((k->>0) || '/' || (k->>1)), '[]'::jsonb) FROM jsonb_array_elements("p_write") k),
		(SELECT coalesce(jsonb_agg((k->>0) || '/' || (k->>1)), '[]'::jsonb) FROM jsonb_array_elements("p_read") k));
	IF EXISTS (
		SELECT 1 FROM jsonb_array_elements("p_expect") e
		LEFT JOIN "sync_records" r ON r."collection" = e->>0 AND r."id" = e->>1
		WHERE r."seq" IS DISTINCT FROM (e->>2)::bigint
	) THEN
		RETURN false;
	END IF;
	IF EXISTS (
		SELECT 1 FROM jsonb_array_elements("p_customers") e
		LEFT JOIN "sync_records" r ON r."collection" = 'customers' AND r."id" = e->>0
		WHERE (r."id" IS NOT NULL) <> (e->>2)::boolean OR r."owner_id" IS DISTINCT FROM e->>1
	) THEN
		RETURN false;
	END IF;
	IF "p_team" IS NOT NULL AND "p_team"->'team' IS DISTINCT FROM (
		SELECT coalesce(jsonb_agg(u."id" ORDER BY u."id" COLLATE "C"), '[]'::jsonb) FROM "users" u
		WHERE u."manager_id" = "p_team"->>'manager'
	) THEN
		RETURN false;
	END IF;
	RETURN true;
END $$;
