//! What the wallet asks the person at the terminal: the passphrase (or `WALLET_PASSPHRASE`), and
//! yes-or-no questions, answered in either language.

use std::io::IsTerminal;

use credentials::error::io_reason;
use lang::Lang;

use crate::cli::exit::Failure;
use crate::i18n::t;

/// The passphrase from `WALLET_PASSPHRASE`, else asked (twice when `confirm`).
pub(crate) fn passphrase(lang: Lang, confirm: bool) -> Result<String, Failure> {
    if let Ok(value) = std::env::var("WALLET_PASSPHRASE") {
        if !value.is_empty() {
            return Ok(value);
        }
    }
    let unreadable =
        |e: std::io::Error| Failure::Usage(t!(lang, "passphrase-unreadable", reason = io_reason(&e, lang)));
    let first = rpassword::prompt_password(t!(lang, "prompt-passphrase")).map_err(unreadable)?;
    if first.is_empty() {
        return Err(Failure::Usage(t!(lang, "passphrase-empty")));
    }
    if confirm {
        let second = rpassword::prompt_password(t!(lang, "prompt-again")).map_err(unreadable)?;
        if first != second {
            return Err(Failure::Usage(t!(lang, "passphrase-differ")));
        }
    }
    Ok(first)
}

/// Whether someone is there to answer a question.
pub(crate) fn can_ask() -> bool {
    std::io::stdin().is_terminal()
}

/// Asks `question` (on standard error) and reads the answer: yes is `y`, `yes`, `o` or `oui`.
pub(crate) fn yes(question: &str) -> bool {
    eprint!("{question}");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    matches!(line.trim().to_lowercase().as_str(), "y" | "yes" | "o" | "oui")
}

/// Asks `question` whose answer is yes unless the person says no (`n`, `no`, `non`): Enter keeps.
pub(crate) fn keep(question: &str) -> bool {
    eprint!("{question}");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    !matches!(line.trim().to_lowercase().as_str(), "n" | "no" | "non")
}
