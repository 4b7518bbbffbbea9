//! This crate's own sentences (the service's problem bodies and answers, the web page, the
//! command's output and errors), wired up as every crate does it.

lang::catalogue!($);

#[cfg(test)]
mod tests {
    use lang::Lang;

    #[test]
    fn cached_text_is_the_message() {
        assert_eq!(text!(Lang::En, "problem-not-found"), "not found");
        assert_eq!(text!(Lang::Fr, "problem-not-found"), "introuvable");
        assert_eq!(text!(Lang::Fr, "problem-not-found"), t!(Lang::Fr, "problem-not-found"));
    }
}
