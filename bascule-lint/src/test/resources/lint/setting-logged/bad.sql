ALTER TABLE event_log SET LOGGED; -- expect
ALTER TABLE page_views SET UNLOGGED; -- expect
