CLUSTER users USING users_pkey; -- expect
CLUSTER VERBOSE; -- expect
