-- bascule:data
UPDATE users SET active = true; -- expect
