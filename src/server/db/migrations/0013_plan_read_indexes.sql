-- Who may receive a handover (the plan view's candidates, modules/plan/repo.ts CANDIDATES_AGG) is
-- found through indexes instead of reading every assignment of the county on every plan read:
-- the assignments of a unit (services taking part, the child's school) and the units of a
-- municipality (its BVC nurses and KAA).
CREATE INDEX assignment_unit_role_idx ON assignment(unit_id, role);
CREATE INDEX unit_municipality_idx ON unit(municipality_code);
