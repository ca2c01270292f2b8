-- The follow-up cube is built from the survey tables once and kept in each app server's memory.
-- Its cache key is this generation: every statement that writes a table the cube is built from
-- bumps it, by trigger, in the writer's own transaction. Every app server reads the generation on
-- each request (one row), so a change made through one server is seen by all on their next
-- request, and a rolled-back write bumps nothing. Statement triggers: a bulk insert of 20,000
-- respondents is one bump, not 20,000.
CREATE TABLE followup_generation (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  generation bigint NOT NULL
);
INSERT INTO followup_generation (id, generation) VALUES (true, 1);

CREATE FUNCTION followup_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE followup_generation SET generation = generation + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER followup_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_instrument
  FOR EACH STATEMENT EXECUTE FUNCTION followup_data_changed();
CREATE TRIGGER followup_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_item
  FOR EACH STATEMENT EXECUTE FUNCTION followup_data_changed();
CREATE TRIGGER followup_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_item_version
  FOR EACH STATEMENT EXECUTE FUNCTION followup_data_changed();
CREATE TRIGGER followup_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_wave
  FOR EACH STATEMENT EXECUTE FUNCTION followup_data_changed();
CREATE TRIGGER followup_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_wave_item
  FOR EACH STATEMENT EXECUTE FUNCTION followup_data_changed();
CREATE TRIGGER followup_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_school
  FOR EACH STATEMENT EXECUTE FUNCTION followup_data_changed();
CREATE TRIGGER followup_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_respondent
  FOR EACH STATEMENT EXECUTE FUNCTION followup_data_changed();
CREATE TRIGGER followup_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_population
  FOR EACH STATEMENT EXECUTE FUNCTION followup_data_changed();
CREATE TRIGGER followup_generation_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON followup_indicator
  FOR EACH STATEMENT EXECUTE FUNCTION followup_data_changed();

GRANT SELECT, UPDATE ON followup_generation TO barnkompass_app;
