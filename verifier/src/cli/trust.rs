//! `verifier trust`: list, add to and query the trusted-issuer registry file. An entry is added
//! only if the whole file still reads as a valid registry afterwards.

use credentials::error::{io_reason, Detail};
use lang::Lang;

use crate::cli::args::TrustCommand;
use crate::cli::exit::{EXIT_INVALID, EXIT_VALID};
use crate::domain::trust::{Registry, TrustError, TrustedIssuer};
use crate::i18n::t;

fn parse_time(text: &Option<String>) -> Result<Option<chrono::DateTime<chrono::Utc>>, Detail> {
    text.as_deref()
        .map(|t| {
            chrono::DateTime::parse_from_rfc3339(t)
                .map(|d| d.with_timezone(&chrono::Utc))
                .map_err(|_| Detail::localized(|lang| t!(lang, "not-a-time", time = t)))
        })
        .transpose()
}

fn trust_error(error: &TrustError) -> Detail {
    Detail::localized(|lang| error.message(lang))
}

/// A file that could not be written, in both languages.
fn write_error(path: &std::path::Path, error: &std::io::Error) -> Detail {
    let path = path.display().to_string();
    Detail::localized(|lang| t!(lang, "cli-unwritable", path = path.as_str(), reason = io_reason(error, lang)))
}

/// Runs a `trust` command: its exit code.
pub fn run(command: TrustCommand, lang: Lang) -> Result<u8, Detail> {
    match command {
        TrustCommand::List { registry } => {
            let registry = Registry::load(&registry).map_err(|e| trust_error(&e))?;
            for issuer in &registry.issuers {
                let name = lang.pick(&issuer.name, &issuer.name_fr);
                println!("{}\t{}\t{}", issuer.id, name, issuer.credential_types.join(","));
            }
            Ok(EXIT_VALID)
        }
        TrustCommand::Add { registry: path, did, name, name_fr, types, from, until } => {
            let mut registry =
                if path.exists() { Registry::load(&path).map_err(|e| trust_error(&e))? } else { Registry::default() };
            registry.issuers.push(TrustedIssuer {
                id: did,
                name,
                name_fr,
                credential_types: types
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
                achievement_types: Vec::new(),
                from: parse_time(&from)?,
                until: parse_time(&until)?,
            });
            let text = registry.to_toml();
            Registry::parse(&text, &path).map_err(|e| trust_error(&e))?;
            std::fs::write(&path, text).map_err(|e| write_error(&path, &e))?;
            Ok(EXIT_VALID)
        }
        TrustCommand::Check { registry, did, kind } => {
            let registry = Registry::load(&registry).map_err(|e| trust_error(&e))?;
            let now = credentials::Clock::now(&credentials::SystemClock);
            match registry.find(&did, std::slice::from_ref(&kind), None, now) {
                Some(issuer) => {
                    println!(
                        "{}",
                        t!(
                            lang,
                            "trust-check-trusted",
                            name = lang.pick(issuer.name.as_str(), issuer.name_fr.as_str())
                        )
                    );
                    Ok(EXIT_VALID)
                }
                None => {
                    println!("{}", t!(lang, "trust-check-not-trusted"));
                    Ok(EXIT_INVALID)
                }
            }
        }
    }
}
