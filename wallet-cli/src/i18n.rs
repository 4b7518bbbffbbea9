//! The wallet's own sentences (command output, prompts, errors of the store and of the exchanges
//! with issuers and verifiers), wired up as every crate does it.

lang::catalogue!($, "wallet_cli");

#[cfg(test)]
mod tests {
    use lang::Lang;

    /// The messages whose blanks, line breaks or quotes Fluent could have changed say exactly
    /// what the code said before they moved here.
    #[test]
    fn blanks_line_breaks_and_quotes_survive_the_catalogue() {
        let (en, fr) = (Lang::En, Lang::Fr);
        assert_eq!(t!(en, "prompt-passphrase"), "Passphrase: ");
        assert_eq!(t!(fr, "prompt-passphrase"), "Phrase de passe : ");
        assert_eq!(t!(fr, "prompt-again"), "Encore : ");
        assert_eq!(t!(en, "disclose-ask"), "Show this? [y/N] ");
        assert_eq!(t!(fr, "request-send-ask"), "Envoyer ? [o/N] ");
        assert_eq!(t!(en, "request-or"), " or ");
        assert_eq!(t!(fr, "request-or"), " ou ");
        assert_eq!(
            t!(en, "request-who", did = "did:key:z6Mk", name = "Hiring"),
            "The verifier did:key:z6Mk\n(it calls itself “Hiring”) asks for:"
        );
        assert_eq!(
            t!(fr, "request-who", did = "did:key:z6Mk", name = "Embauche"),
            "Le vérificateur did:key:z6Mk\n(il se nomme lui-même « Embauche ») demande :"
        );
        assert_eq!(
            t!(en, "answer-several", query = "skill", list = "  0123 A\n  4567 B"),
            "several of your credentials answer `skill`: choose one with --credential ID\n  0123 A\n  4567 B"
        );
        assert_eq!(
            t!(fr, "exchange-reason-in-english", code = "400", reason = "bad PIN"),
            "HTTP 400 (motif donné : « bad PIN »)"
        );
        assert_eq!(t!(fr, "failure", message = "x"), "wallet : x");
        assert_eq!(t!(en, "check-failed", check = "signature", message = "m", code = "c"), "signature: m [c]");
        assert_eq!(t!(fr, "list-count", count = 3), "3 attestations");
        assert_eq!(t!(fr, "list-count", count = 1), "1 attestation");
        assert_eq!(t!(Lang::En, "list-count", count = 1), "1 credential");
    }
}
