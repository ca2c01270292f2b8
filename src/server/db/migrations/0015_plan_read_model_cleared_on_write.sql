-- A write to one of a plan's lists also removes the plan's rendered copy (plan_read_model, 0014) in
-- the same transaction, instead of only making it stale: a corrected or removed text does not
-- linger in the copy until the plan is read again. The generation stays the key that decides
-- whether a row may be used (a render that began before the write and ends after it carries the
-- old generation and is never used).
CREATE OR REPLACE FUNCTION plan_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE plan SET content_generation = content_generation + 1 WHERE id = OLD.plan_id;
    DELETE FROM plan_read_model WHERE plan_id = OLD.plan_id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.plan_id IS DISTINCT FROM OLD.plan_id) THEN
    UPDATE plan SET content_generation = content_generation + 1 WHERE id = NEW.plan_id;
    DELETE FROM plan_read_model WHERE plan_id = NEW.plan_id;
  END IF;
  RETURN NULL;
END $$;

GRANT DELETE ON plan_read_model TO barnkompass_app;
