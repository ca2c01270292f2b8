-- Map (kartlägga): wellbeing wheel assessments. One assessment = one child, one date, one
-- perspective (the child, one of the child's guardians, or one professional in one assignment),
-- and for each of the eight indicators what works, what is hard and an optional rating 1–5
-- (NULL = "not assessed"). There is deliberately no column, view or function that totals the
-- indicators: GIRFEC has no target level of wellbeing (see src/core/wheel.ts).

CREATE TABLE wheel_assessment (
  id uuid PRIMARY KEY,
  child_id uuid NOT NULL REFERENCES child(id),
  assessed_on date NOT NULL,
  perspective text NOT NULL CHECK (perspective IN ('child', 'guardian', 'professional')),
  -- perspective = 'guardian': which guardian (must be one of the child's; checked by the service).
  guardian_id uuid REFERENCES guardian(id),
  -- perspective = 'professional': the person, the assignment and the service/unit they spoke for.
  professional_person_id uuid REFERENCES person(id),
  professional_assignment_id uuid REFERENCES assignment(id),
  professional_unit_id uuid REFERENCES unit(id),
  -- Who recorded it, and under which organisation, unit and OSL secrecy domain the record sits
  -- (from the author's assignment). secrecy_domain is NULL only for an assignment without a unit.
  author_person_id uuid NOT NULL REFERENCES person(id),
  author_assignment_id uuid NOT NULL REFERENCES assignment(id),
  owning_organisation_id uuid NOT NULL REFERENCES organisation(id),
  owning_unit_id uuid REFERENCES unit(id),
  secrecy_domain text CHECK (secrecy_domain IN ('school', 'medical_student_health', 'health_care', 'social_services', 'police', 'other')),
  -- Optional GIRFEC practice tools, validated by the API's zod schemas before they are stored.
  my_world_triangle jsonb CHECK (my_world_triangle IS NULL OR jsonb_typeof(my_world_triangle) = 'object'),
  resilience_matrix jsonb CHECK (resilience_matrix IS NULL OR jsonb_typeof(resilience_matrix) = 'object'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by_person_id uuid REFERENCES person(id),
  CHECK ((perspective = 'guardian') = (guardian_id IS NOT NULL)),
  CHECK ((perspective = 'professional') = (professional_person_id IS NOT NULL AND professional_assignment_id IS NOT NULL)),
  CHECK (perspective = 'professional' OR (professional_person_id IS NULL AND professional_assignment_id IS NULL AND professional_unit_id IS NULL))
);
CREATE INDEX wheel_assessment_child_idx ON wheel_assessment(child_id, assessed_on);

-- Always eight rows per assessment (written together with it).
CREATE TABLE wheel_assessment_indicator (
  assessment_id uuid NOT NULL REFERENCES wheel_assessment(id),
  indicator text NOT NULL CHECK (indicator IN ('safe', 'healthy', 'achieving', 'nurtured', 'active', 'respected', 'responsible', 'included')),
  what_works text NOT NULL DEFAULT '',
  what_is_hard text NOT NULL DEFAULT '',
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  PRIMARY KEY (assessment_id, indicator)
);

-- Records are corrected (versioned UPDATE), never deleted by the application.
GRANT SELECT, INSERT, UPDATE ON wheel_assessment, wheel_assessment_indicator TO barnkompass_app;
