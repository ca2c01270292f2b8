-- A guardian (or the child) may withdraw a consent themself in the family's Barnkompass: then no
-- professional recorded the withdrawal. Who withdrew it stays required (withdrawn_by_party); who
-- recorded it is a professional, or the family's own portal.
DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
            WHERE conrelid = 'consent'::regclass AND contype = 'c'
              AND pg_get_constraintdef(oid) LIKE '%withdrawn_by_person_id%'
  LOOP
    EXECUTE format('ALTER TABLE consent DROP CONSTRAINT %I', c.conname);
  END LOOP;
END $$;
ALTER TABLE consent ADD COLUMN withdrawn_in_portal boolean NOT NULL DEFAULT false;
ALTER TABLE consent ADD CONSTRAINT consent_withdrawal_party
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by_party IS NULL));
ALTER TABLE consent ADD CONSTRAINT consent_withdrawal_recorded
  CHECK (withdrawn_at IS NULL OR (withdrawn_in_portal = (withdrawn_by_person_id IS NULL)));
