-- The plan's read model (bench plan-read; modules/plan/repo.ts, docs/architecture.md "the plan's
-- read model"). A plan's long lists — needs, goals, actions, the child's voice, the guardians'
-- views, disagreements, the level and status history — are rendered as the API's JSON once and
-- reused by the plan page until something they show changes. Nothing is ever read from a stale
-- row: a row is used only when all three of its keys still hold:
--   content_generation   = plan.content_generation, bumped by a trigger on every write to the lists;
--   directory_generation = directory_generation.generation, bumped by a trigger whenever a name or
--                          title the lists show changes (person, guardian, assignment, unit);
--   rendered_for         = today (an action's "overdue" is as of a day).
-- Otherwise the plan is rendered again from its tables (and the row replaced). The row is derived
-- data of the plan: it goes with the plan (ON DELETE CASCADE) and is read only through the plan
-- view, behind the same gate, record filter and audit as the plan. Being derived, it is UNLOGGED:
-- no WAL for a render, and after a crash the table is empty and fills again on the next reads.

ALTER TABLE plan ADD COLUMN content_generation bigint NOT NULL DEFAULT 0;

CREATE TABLE directory_generation (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  generation bigint NOT NULL
);
INSERT INTO directory_generation (singleton, generation) VALUES (true, 0);

CREATE UNLOGGED TABLE plan_read_model (
  plan_id uuid PRIMARY KEY REFERENCES plan(id) ON DELETE CASCADE,
  content_generation bigint NOT NULL,
  directory_generation bigint NOT NULL,
  rendered_for date NOT NULL,
  rendered_at timestamptz NOT NULL,
  needs json NOT NULL,
  goals json NOT NULL,
  actions json NOT NULL,
  voice json NOT NULL,
  guardian_views json NOT NULL,
  disagreements json NOT NULL,
  level_history json NOT NULL,
  status_history json NOT NULL
);

-- A write to one of the lists makes the plan's rendered lists stale.
CREATE FUNCTION plan_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE plan SET content_generation = content_generation + 1 WHERE id = OLD.plan_id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.plan_id IS DISTINCT FROM OLD.plan_id) THEN
    UPDATE plan SET content_generation = content_generation + 1 WHERE id = NEW.plan_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER plan_need_read_model AFTER INSERT OR UPDATE OR DELETE ON plan_need
  FOR EACH ROW EXECUTE FUNCTION plan_content_changed();
CREATE TRIGGER plan_goal_read_model AFTER INSERT OR UPDATE OR DELETE ON plan_goal
  FOR EACH ROW EXECUTE FUNCTION plan_content_changed();
CREATE TRIGGER plan_action_read_model AFTER INSERT OR UPDATE OR DELETE ON plan_action
  FOR EACH ROW EXECUTE FUNCTION plan_content_changed();
CREATE TRIGGER plan_voice_read_model AFTER INSERT OR UPDATE OR DELETE ON plan_voice
  FOR EACH ROW EXECUTE FUNCTION plan_content_changed();
CREATE TRIGGER plan_guardian_view_read_model AFTER INSERT OR UPDATE OR DELETE ON plan_guardian_view
  FOR EACH ROW EXECUTE FUNCTION plan_content_changed();
CREATE TRIGGER plan_disagreement_read_model AFTER INSERT OR UPDATE OR DELETE ON plan_disagreement
  FOR EACH ROW EXECUTE FUNCTION plan_content_changed();
CREATE TRIGGER plan_level_change_read_model AFTER INSERT OR UPDATE OR DELETE ON plan_level_change
  FOR EACH ROW EXECUTE FUNCTION plan_content_changed();
CREATE TRIGGER plan_status_change_read_model AFTER INSERT OR UPDATE OR DELETE ON plan_status_change
  FOR EACH ROW EXECUTE FUNCTION plan_content_changed();

-- A changed name, title or unit name makes every rendered list stale (rare: staff and guardian
-- registers change seldom, and only the columns the lists show count).
CREATE FUNCTION directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_generation SET generation = generation + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER person_read_model AFTER UPDATE OF given_name, family_name ON person
  FOR EACH ROW WHEN (OLD.given_name IS DISTINCT FROM NEW.given_name OR OLD.family_name IS DISTINCT FROM NEW.family_name)
  EXECUTE FUNCTION directory_changed();
CREATE TRIGGER guardian_read_model AFTER UPDATE OF given_name, family_name ON guardian
  FOR EACH ROW WHEN (OLD.given_name IS DISTINCT FROM NEW.given_name OR OLD.family_name IS DISTINCT FROM NEW.family_name)
  EXECUTE FUNCTION directory_changed();
CREATE TRIGGER assignment_read_model AFTER UPDATE OF title, unit_id ON assignment
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.unit_id IS DISTINCT FROM NEW.unit_id)
  EXECUTE FUNCTION directory_changed();
CREATE TRIGGER unit_read_model AFTER UPDATE OF name ON unit
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION directory_changed();

GRANT SELECT, INSERT, UPDATE ON plan_read_model TO barnkompass_app;
GRANT SELECT, UPDATE ON directory_generation TO barnkompass_app;
