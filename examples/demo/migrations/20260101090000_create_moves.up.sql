-- The first table of the sample project: moves and their statuses.
CREATE TYPE move_status AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'CANCELED');

CREATE TABLE moves (
    id uuid PRIMARY KEY,
    locator text NOT NULL UNIQUE,
    status move_status NOT NULL DEFAULT 'DRAFT',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE moves IS 'A household goods move.';
COMMENT ON COLUMN moves.locator IS 'Short code customers use to refer to their move.';
COMMENT ON COLUMN moves.status IS 'Where the move is in its life cycle.';
