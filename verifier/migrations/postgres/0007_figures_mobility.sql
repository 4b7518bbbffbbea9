-- Mobility figures (issue #25): which issuers' credentials, for which skills, this verifier
-- accepted in verified answers, per quarter. Written when an answer is verified; a row names the
-- answered request by its random path segment, the issuer (an organization's DID) and a skill,
-- nothing about the person who answered. Counted per quarter through the (quarter, …) index.
CREATE TABLE figure_mobility (
    answer_ref TEXT NOT NULL,
    quarter TEXT NOT NULL,
    issuer TEXT NOT NULL,
    skill_key TEXT NOT NULL,
    PRIMARY KEY (answer_ref, issuer, skill_key)
);
CREATE INDEX figure_mobility_by_quarter ON figure_mobility (quarter, issuer, skill_key);
