//! This crate's own sentences (HTTP problem texts, command output and errors, configuration and
//! batch reports), wired up as every crate does it.

lang::catalogue!($);

/// `detail!("message-id", variable = value, …)`: the message in both languages, as the
/// [`credentials::error::Detail`] a refusal carries (the values are read once per language).
macro_rules! detail {
    ($($message:tt)+) => {
        credentials::error::Detail::localized(|lang| $crate::i18n::t!(lang, $($message)+))
    };
}
pub(crate) use detail;

#[cfg(test)]
mod tests {
    use lang::Lang;

    /// The Fluent constructs of this catalogue (a multiline text with an indented line, plural
    /// and value selectors, a variable French does not show) give the texts written before it.
    #[test]
    fn multiline_selectors_and_unshown_variables_give_the_expected_text() {
        let first_start =
            |lang| t!(lang, "serve-first-start", did = "did:web:x:demo", token = "tc.1.2", example = "curl x");
        assert_eq!(
            first_start(Lang::En),
            "First start: created department `demo` (did:web:x:demo) and an API token with scopes issue, revoke, admin.\nThe token is shown once:\n\n  tc.1.2\n\nIssue a first skill credential:\n\ncurl x"
        );
        assert!(first_start(Lang::Fr).starts_with("Premier démarrage : ministère `demo` (did:web:x:demo) créé"));
        assert!(first_start(Lang::Fr)
            .ends_with(" :\n\n  tc.1.2\n\nÉmettre une première attestation de compétence :\n\ncurl x"));
        assert_eq!(
            t!(Lang::Fr, "http-query-invalid", reason = "Failed to deserialize"),
            "la chaîne de requête (après « ? ») est invalide"
        );
        assert_eq!(
            t!(Lang::En, "http-query-invalid", reason = "Failed to deserialize"),
            "the query string is invalid: Failed to deserialize"
        );
        let no_index = |purpose: &str| t!(Lang::Fr, "status-no-free-index", purpose = purpose);
        assert_eq!(no_index("revocation"), "aucun index de statut libre pour la finalité révocation");
        assert_eq!(no_index("suspension"), "aucun index de statut libre pour la finalité suspension");
        let position = t!(Lang::Fr, "http-json-position", line = "1", column = "2");
        assert_eq!(
            t!(Lang::Fr, "http-body-not-json", reason = position),
            "le corps n'est pas du JSON valide (ligne 1, colonne 2)"
        );
        let rejected = |lang, count: usize| t!(lang, "cli-rows-rejected", count = count);
        assert_eq!(rejected(Lang::En, 1), "1 row was rejected");
        assert_eq!(rejected(Lang::En, 3), "3 rows were rejected");
        assert_eq!(rejected(Lang::Fr, 1), "1 ligne a été rejetée");
        assert_eq!(rejected(Lang::Fr, 1200), "1200 lignes ont été rejetées");
        let progress = t!(
            Lang::En,
            "batch-progress",
            bar = "{bar:40}",
            done = "{pos}",
            total = "{len}",
            rate = "{per_sec}",
            left = "{eta}"
        );
        assert_eq!(progress, "{bar:40} {pos}/{len} rows  {per_sec}  {eta} left");
    }
}
