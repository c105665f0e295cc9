DROP TRIGGER moves_touch_updated_at ON moves;
DROP FUNCTION touch_updated_at();
