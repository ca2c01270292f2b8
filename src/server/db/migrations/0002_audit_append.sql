-- Appending to the audit chain in ONE round trip. Under load every extra round trip inside the
-- chain lock is paid by every waiting request (measured: a 5-round-trip batch ran at 0.13–0.35× of
-- an unaudited read on this machine). The caller computes each row's canonical body; this function
-- takes the chain lock as its own statement, then reads the head (a fresh snapshot, so it sees the
-- last committed row), assigns gap-free seq numbers and chains the hashes:
--   row_hash = sha256(prev_hash || '\n' || seq || '\n' || body)
-- The verifier recomputes the body from the stored columns, so a body that does not match its
-- columns is a detected break, not a hidden one.
CREATE FUNCTION audit_append(
  p_id uuid[], p_occurred_at timestamptz[], p_actor uuid[], p_assignment uuid[], p_child uuid[],
  p_action text[], p_resource_type text[], p_resource_id text[], p_outcome text[], p_request_id text[],
  p_details text[], p_body text[]
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
  v_first bigint;
  v_prev text;
  v_n integer := coalesce(array_length(p_id, 1), 0);
  v_prevs text[] := ARRAY[]::text[];
  v_hashes text[] := ARRAY[]::text[];
  i integer;
BEGIN
  PERFORM pg_advisory_xact_lock(7262002);
  SELECT seq, row_hash INTO v_seq, v_prev FROM audit_event ORDER BY seq DESC LIMIT 1;
  IF v_seq IS NULL THEN
    v_seq := 0;
    v_prev := repeat('0', 64);
  END IF;
  v_first := v_seq + 1;
  -- Chain in memory, then insert the whole batch with one statement (one executor run).
  FOR i IN 1 .. v_n LOOP
    v_prevs := v_prevs || v_prev;
    v_prev := encode(sha256(convert_to(v_prev || E'\n' || (v_seq + i)::text || E'\n' || p_body[i], 'UTF8')), 'hex');
    v_hashes := v_hashes || v_prev;
  END LOOP;
  INSERT INTO audit_event (seq, id, occurred_at, actor_person_id, actor_assignment_id, child_id, action,
                           resource_type, resource_id, outcome, request_id, details, prev_hash, row_hash)
  SELECT v_first + t.ord - 1, t.id, t.o, t.a, t.asg, t.c, t.act, t.rt, t.rid, t.oc, t.req, t.d::jsonb, t.p, t.h
    FROM unnest(p_id, p_occurred_at, p_actor, p_assignment, p_child, p_action, p_resource_type, p_resource_id,
                p_outcome, p_request_id, p_details, v_prevs, v_hashes)
         WITH ORDINALITY AS t(id, o, a, asg, c, act, rt, rid, oc, req, d, p, h, ord);
  RETURN v_seq + v_n;
END $$;

GRANT EXECUTE ON FUNCTION audit_append(uuid[], timestamptz[], uuid[], uuid[], uuid[], text[], text[], text[], text[], text[], text[], text[]) TO barnkompass_app;
