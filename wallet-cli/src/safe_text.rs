//! Text from another party (an issuer's or verifier's error, a credential's names, a verifier's
//! own name) reaches the person's terminal through here, so that a party can neither rewrite the
//! screen nor print a line that looks like the wallet's own ("Sent to the verifier.").

/// `text` on one line: control characters are dropped, terminal escape sequences and line breaks
/// among them. Tabs stay.
pub(crate) fn terminal_safe(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || *c == '\t').collect()
}

/// `text` without any control character, and not too long to read (120 characters, then `…`).
pub(crate) fn printable(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(120).collect();
    if text.chars().filter(|c| !c.is_control()).count() > 120 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_other_parties_cannot_drive_the_terminal() {
        let hostile = "refused\u{1b}[2J\u{1b}]0;title\u{7}\rSent to the verifier.\nline two\tend";
        assert_eq!(terminal_safe(hostile), "refused[2J]0;titleSent to the verifier.line two\tend");
    }
}
