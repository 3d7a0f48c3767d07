-- What every bot process (SHARD_IDS on several processes or machines) must share: per-user rate
-- limits, the concurrency cap, and paged answers. The bot connects as the read-only role, so it
-- changes these tables only through the SECURITY DEFINER functions below, each one atomic statement.
-- Times are the server's clock, the same for every process.

-- One row per command a user ran within the window (older rows are deleted as the user comes back).
CREATE TABLE rate_limit_uses (
  user_id text NOT NULL,
  used_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_uses_user ON rate_limit_uses (user_id, used_at);

-- Records a use by `p_user` when fewer than `p_limit` happened in the last `p_window_ms`; returns 0,
-- or the milliseconds until the next use is allowed. One user's calls run one at a time (advisory lock).
CREATE FUNCTION rate_limit_take(p_user text, p_limit integer, p_window_ms integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  span interval := p_window_ms * interval '1 millisecond';
  used integer;
  oldest timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('rate_limit_take'), hashtext(p_user));
  DELETE FROM rate_limit_uses WHERE user_id = p_user AND used_at <= clock_timestamp() - span;
  SELECT count(*), min(used_at) INTO used, oldest FROM rate_limit_uses WHERE user_id = p_user;
  IF used >= p_limit THEN
    RETURN greatest(1, ceil(extract(epoch FROM oldest + span - clock_timestamp()) * 1000))::integer;
  END IF;
  INSERT INTO rate_limit_uses (user_id, used_at) VALUES (p_user, clock_timestamp());
  RETURN 0;
END $$;

-- The slots of the concurrency cap: a slot is free when it has no holder or its lease ran out (the
-- process holding it died).
CREATE TABLE command_slots (
  slot       integer PRIMARY KEY,
  holder     text,
  expires_at timestamptz
);

-- Takes a free slot below `p_limit` for `p_holder` for `p_lease_ms`; returns its number, or null when
-- all are taken. Two callers never get the same slot (row locks, SKIP LOCKED).
CREATE FUNCTION command_slot_take(p_limit integer, p_holder text, p_lease_ms integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  taken integer;
BEGIN
  INSERT INTO command_slots (slot) SELECT generate_series(0, p_limit - 1) ON CONFLICT DO NOTHING;
  UPDATE command_slots SET holder = p_holder, expires_at = clock_timestamp() + p_lease_ms * interval '1 millisecond'
  WHERE slot = (
    SELECT slot FROM command_slots
    WHERE slot < p_limit AND (holder IS NULL OR expires_at < clock_timestamp())
    ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED
  )
  RETURNING slot INTO taken;
  RETURN taken;
END $$;

-- Frees the slot if `p_holder` still holds it (a lease taken over after expiry is left alone).
CREATE FUNCTION command_slot_release(p_slot integer, p_holder text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE command_slots SET holder = NULL, expires_at = NULL WHERE slot = p_slot AND holder = p_holder;
$$;

-- Paged answers (Previous/Next), so that a click is served whichever process receives it.
CREATE TABLE page_sessions (
  id         text PRIMARY KEY,
  owner_id   text NOT NULL,
  request    jsonb NOT NULL,
  total      integer NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX page_sessions_expiry ON page_sessions (expires_at);

-- Keeps a paged answer until `p_expires_at` (a new id every time), forgetting expired ones.
CREATE FUNCTION page_session_save(p_id text, p_owner text, p_request jsonb, p_total integer, p_expires_at timestamptz) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  DELETE FROM page_sessions WHERE expires_at < clock_timestamp();
  INSERT INTO page_sessions (id, owner_id, request, total, expires_at) VALUES (p_id, p_owner, p_request, p_total, p_expires_at)
  ON CONFLICT (id) DO NOTHING;
$$;
