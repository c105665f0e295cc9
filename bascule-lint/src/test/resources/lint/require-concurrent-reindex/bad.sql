REINDEX INDEX users_email_idx; -- expect
REINDEX (VERBOSE) TABLE orders; -- expect
