-- fixture: runner-statement-timeout
ALTER TABLE moves VALIDATE CONSTRAINT moves_status_check;
