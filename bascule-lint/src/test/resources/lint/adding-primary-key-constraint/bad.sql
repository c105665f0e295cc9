ALTER TABLE zip3s ADD PRIMARY KEY (id); -- expect
ALTER TABLE zip5s ADD CONSTRAINT zip5s_pkey PRIMARY KEY (zip5, code); -- expect
