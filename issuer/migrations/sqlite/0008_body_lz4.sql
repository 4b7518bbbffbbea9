-- PostgreSQL only (TOAST compression of the stored credential); SQLite stores it as is. Kept so
-- both backends number their migrations alike.
SELECT 1;
