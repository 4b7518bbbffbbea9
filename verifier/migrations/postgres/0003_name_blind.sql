-- Name-blind first view (issue #23): a request whose profile and answer are shown without the
-- person's name or identifiers until a manager reveals them. A row marks a request asked
-- name-blind (with `verifier serve --name-blind` every request is, row or not); its reveal is
-- recorded once, who and when, and shown on the page. Deleted with its request at the purge.
CREATE TABLE blind_views (
    -- presentation_requests.id
    request_id TEXT PRIMARY KEY,
    -- Unix seconds of the reveal; NULL while the view is blind.
    revealed_at BIGINT,
    -- Who revealed: 'link' (the request's page link, whose key opens this request only) or
    -- 'token:ID' (an API token with the read scope, by its id).
    revealed_by TEXT
);
