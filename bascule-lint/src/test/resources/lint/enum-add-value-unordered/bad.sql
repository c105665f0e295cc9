ALTER TYPE move_status ADD VALUE 'CANCELED'; -- expect
ALTER TYPE public.service_item_code ADD VALUE IF NOT EXISTS 'DMHF'; -- expect
