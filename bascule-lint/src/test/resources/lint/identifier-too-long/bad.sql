CREATE INDEX index_moves_on_personally_procured_move_id_and_status_and_created_at ON moves (ppm_id, status, created_at); -- expect
ALTER TABLE moves ADD COLUMN "déménagement_date_de_livraison_prévue_par_le_transporteur_été" date; -- expect
