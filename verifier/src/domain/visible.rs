//! Text taken from a credential (names, evidence, issuers, claims, even a file name) cannot
//! disguise itself where a person reads it: Unicode bidirectional controls would let
//! `Good \u{202e}gnp.exe\u{202c} work` display as `Good exe.png work`, a line break or a
//! terminal escape would let a claim draw lines of its own ("VALID"). Each such character is
//! shown as its code point (`⟨U+202E⟩`), and a line or tab break as a space, on the terminal and
//! on the page alike; JSON written for programs keeps the text but escapes those characters.

use std::borrow::Cow;

/// How a character of credential text is shown.
enum Shown {
    Itself,
    /// A line or tab break: one space.
    Space,
    /// A control that could disguise the text: marked by its code point.
    Marked,
}

fn shown_as(c: char) -> Shown {
    match c {
        '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Shown::Space,
        // Bidirectional controls: ALM, LRM, RLM, LRE…RLO (embeddings, overrides, PDF), and the
        // isolates LRI, RLI, FSI, PDI (Unicode Bidirectional Algorithm, UAX #9).
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Shown::Marked,
        // Every other control character (C0, DEL, C1): terminal escapes among them.
        c if c.is_control() => Shown::Marked,
        _ => Shown::Itself,
    }
}

/// `text` as a person may safely read it: each control marked as `⟨U+XXXX⟩`, each line or tab
/// break a space. Borrowed when there is nothing to change (nearly always).
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| matches!(shown_as(c), Shown::Itself)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match shown_as(c) {
            Shown::Itself => out.push(c),
            Shown::Space => out.push(' '),
            Shown::Marked => out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c))),
        }
    }
    Cow::Owned(out)
}

/// JSON text (as `serde_json` writes it) with every character [`visible`] would change written
/// as a `\uXXXX` escape: the same JSON value, which no longer reorders or breaks a terminal
/// showing it. Such characters only occur inside strings there, where an escape means the same.
pub fn escaped_json(json: String) -> String {
    if json.chars().all(|c| matches!(shown_as(c), Shown::Itself)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match shown_as(c) {
            // serde_json escapes C0 controls itself, and writes no other break.
            Shown::Itself => out.push(c),
            Shown::Space | Shown::Marked => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidirectional_and_other_controls_are_marked() {
        assert_eq!(visible("Good \u{202e}gnp.exe\u{202c} work"), "Good ⟨U+202E⟩gnp.exe⟨U+202C⟩ work");
        for control in ['\u{202A}', '\u{202B}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']
            .into_iter()
            .chain(['\u{200E}', '\u{200F}', '\u{061C}', '\u{1b}', '\u{7f}', '\u{85}', '\u{0}'])
        {
            let text = format!("a{control}b");
            assert_eq!(visible(&text), format!("a⟨U+{:04X}⟩b", u32::from(control)));
        }
        assert_eq!(visible("line\nVALID\r\tx\u{2028}y"), "line VALID  x y");
        assert!(matches!(visible("École « Ministère » 日本 مرحبا"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_its_value_and_escapes_what_would_disguise_it() {
        let value = serde_json::json!({"name": "Good \u{202e}gnp.exe\u{202c} work\u{85}"});
        let json = escaped_json(value.to_string());
        assert_eq!(json, r#"{"name":"Good \u202egnp.exe\u202c work\u0085"}"#);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap(), value);
    }
}
