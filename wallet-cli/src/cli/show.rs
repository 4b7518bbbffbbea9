//! `wallet show`: a stored credential or a file, checked and read in the reader's language (or
//! as JSON), with a warning first when it does not verify. A stored credential not verified yet
//! (its issuer could not be reached when it arrived) is checked again online, and its mark goes
//! once it verifies.

use std::path::Path;

use credentials::report::Report;
use credentials::verify::PresentationOptions;
use lang::Lang;

use crate::cli::args::CheckArgs;
use crate::cli::checking::{network, reaching_origin, verifier};
use crate::cli::exit::{coded, Failure, EXIT_INVALID, EXIT_NOT_YET_VERIFIED, EXIT_OK};
use crate::cli::files::read;
use crate::cli::prompt::passphrase;
use crate::domain::admission;
use crate::domain::store::{Unverified, Wallet};
use crate::i18n::t;
use crate::safe_text::terminal_safe;

pub(crate) fn show(dir: &Path, query: &str, check: &CheckArgs, json: bool, lang: Lang) -> Result<u8, Failure> {
    let mut network = network(check, lang)?;
    let verify = |network, bytes: &[u8]| {
        verifier(network)
            .verify_bytes(bytes, &PresentationOptions::default())
            .map_err(|e| Failure::Usage(coded(&e, lang)))
    };
    if Path::new(query).is_file() {
        let online = network.online || !network.host_overrides.is_empty();
        let report = verify(network, &read(Path::new(query), lang)?)?;
        return print(&report, None, online, json, lang);
    }
    // Exclusive: a credential checked again is written back.
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, true)?;
    let mut entry = wallet.find(query)?;
    if entry.unverified.is_none() {
        let online = network.online || !network.host_overrides.is_empty();
        let report = verify(network, entry.credential.as_bytes())?;
        return print(&report, None, online, json, lang);
    }
    // Not verified yet: checked again online, its issuer's host reached as when it arrived.
    network.online = true;
    reaching_origin(&mut network, entry.origin.as_deref());
    let report = verify(network, entry.credential.as_bytes())?;
    let still = admission::not_yet_verified(&report);
    if report.first_failure().is_none() || still.is_some() {
        admission::checked_again(&mut entry, &report, still.clone());
        wallet.update(&entry)?;
        if still.is_none() {
            eprintln!("{}", t!(lang, "show-verified-now"));
        }
    }
    print(&report, still.as_ref(), true, json, lang)
}

/// Prints what `report` read, after a warning when it does not verify (or not yet); returns the
/// exit code.
fn print(
    report: &Report,
    unverified: Option<&Unverified>,
    online: bool,
    json: bool,
    lang: Lang,
) -> Result<u8, Failure> {
    let Some(content) = report.content.as_ref() else {
        return Err(Failure::Usage(t!(lang, "not-a-credential")));
    };
    let failure = report.first_failure();
    if let Some(unverified) = unverified {
        let reason = terminal_safe(lang.pick(&unverified.reason, &unverified.reason_fr));
        eprintln!("{}", t!(lang, "show-not-yet-verified", reason = reason));
    } else if let Some((kind, failure)) = &failure {
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
    if unverified.is_some() {
        return Ok(EXIT_NOT_YET_VERIFIED);
    }
    if failure.is_some() {
        return Ok(EXIT_INVALID);
    }
    eprintln!("{}", if online { t!(lang, "show-verified-online") } else { t!(lang, "show-verified") });
    Ok(EXIT_OK)
}
