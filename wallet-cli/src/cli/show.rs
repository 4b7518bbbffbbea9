//! `wallet show`: a stored credential or a file, checked offline and read in the reader's
//! language (or as JSON), with a warning first when it does not verify.

use std::path::Path;

use credentials::verify::{Network, PresentationOptions};
use lang::Lang;

use crate::cli::checking::verifier;
use crate::cli::exit::{coded, Failure, EXIT_INVALID, EXIT_OK};
use crate::cli::files::read;
use crate::cli::prompt::passphrase;
use crate::domain::store::Wallet;
use crate::i18n::t;
use crate::safe_text::terminal_safe;

pub(crate) fn show(dir: &Path, query: &str, json: bool, lang: Lang) -> Result<u8, Failure> {
    let bytes = if Path::new(query).is_file() {
        read(Path::new(query), lang)?
    } else {
        let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
        wallet.find(query)?.credential.into_bytes()
    };
    let report = verifier(Network::default())
        .verify_bytes(&bytes, &PresentationOptions::default())
        .map_err(|e| Failure::Usage(coded(&e, lang)))?;
    let Some(content) = report.content.as_ref() else {
        return Err(Failure::Usage(t!(lang, "not-a-credential")));
    };
    let failure = report.first_failure();
    if let Some((kind, failure)) = &failure {
        let message = terminal_safe(&failure.message(lang));
        eprintln!(
            "{}",
            t!(lang, "show-check-failed", check = kind.label_for(lang, report.document), message = message)
        );
        eprintln!("{}", t!(lang, "show-does-not-verify"));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(content).unwrap_or_default());
    } else {
        match schemas::describe(content, lang) {
            Some(fields) => {
                for field in fields {
                    let value = terminal_safe(&field.value);
                    println!("{}", t!(lang, "show-field", label = field.label, value = value));
                }
            }
            None => println!("{}", t!(lang, "show-not-described")),
        }
    }
    if failure.is_some() {
        return Ok(EXIT_INVALID);
    }
    eprintln!("{}", t!(lang, "show-verified"));
    Ok(EXIT_OK)
}
