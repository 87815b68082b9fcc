-- A push's record locks and the read of the rows it merges against, in one round trip:
-- `p_write` and `p_read` are JSON arrays of [collection, id] pairs, locked as
-- sync_lock_records does (exclusive / shared, one fixed order), then every named row that
-- exists is returned. The read runs after the locks (a VOLATILE function's statements each
-- take a new snapshot), so it sees every push of those records that committed before.
CREATE FUNCTION "sync_lock_read"("p_write" jsonb, "p_read" jsonb) RETURNS SETOF "sync_records" LANGUAGE plpgsql AS $$
BEGIN
	PERFORM sync_lock_records(
		(SELECT coalesce(jsonb_agg((k->>0) || '/' || (k->>1)), '[]'::jsonb) FROM jsonb_array_elements("p_write") k),
		(SELECT coalesce(jsonb_agg((k->>0) || '/' || (k->>1)), '[]'::jsonb) FROM jsonb_array_elements("p_read") k));
	RETURN QUERY SELECT r.* FROM jsonb_array_elements("p_write" || "p_read") k
		JOIN "sync_records" r ON r."collection" = k->>0 AND r."id" = k->>1;
END $$;
