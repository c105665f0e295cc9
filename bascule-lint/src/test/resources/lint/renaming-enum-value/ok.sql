ALTER TYPE move_status ADD VALUE IF NOT EXISTS 'NEW' AFTER 'DRAFT';
ALTER TYPE move_status RENAME TO shipment_status;
