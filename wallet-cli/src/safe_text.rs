//! Text from another party (an issuer's or verifier's error, a credential's names, a verifier's
//! own name) reaches the person's terminal through here, so that a party can neither rewrite the
//! screen nor print a line that looks like the wallet's own ("Sent to the verifier.").

/// Unicode bidirectional controls (ALM, LRM, RLM, the embeddings and overrides LRE…RLO with PDF,
/// the isolates LRI…PDI: UAX #9), which would let `Good \u{202e}gnp.exe\u{202c} work` read as
/// `Good exe.png work`.
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` on one line: control characters are dropped, terminal escape sequences and line breaks
/// among them, and bidirectional controls shown as their code point (`⟨U+202E⟩`), as the
/// verifier shows them. Tabs stay.
pub(crate) fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if bidi_control(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
        } else if !c.is_control() || c == '\t' {
            out.push(c);
        }
    }
    out
}

/// `text` without any control character, and not too long to read (120 characters, then `…`).
pub(crate) fn printable(text: &str) -> String {
    let text = terminal_safe(text);
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
        assert_eq!(terminal_safe("Good \u{202e}gnp.exe\u{202c} work"), "Good ⟨U+202E⟩gnp.exe⟨U+202C⟩ work");
        assert_eq!(printable("\u{2067}x\u{2069}"), "⟨U+2067⟩x⟨U+2069⟩");
    }
}
