-- an index on a table created by an earlier migration
create index -- expect
    moves_status_idx
    on moves (status);
