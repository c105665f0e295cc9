-- A trigger function with a $$ body: semicolons inside it do not end the statement.
CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER moves_touch_updated_at
    BEFORE UPDATE ON moves
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
