CREATE TABLE pets (
    id uuid PRIMARY KEY NOT NULL,
    created_at timestamp NOT NULL,
    updated_at timestamp NOT NULL,
    name text NOT NULL
);
COMMENT on TABLE pets IS 'Store pets and their details.';
COMMENT on COLUMN pets.name IS 'The official name of a pet.';
ALTER TABLE public.office_users ADD COLUMN IF NOT EXISTS rejected_on timestamptz;
COMMENT on COLUMN office_users.rejected_on IS 'Date requested office users were rejected.';
