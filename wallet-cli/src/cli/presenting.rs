//! `wallet present ID… --challenge --domain`: a presentation the holder signs for a verifier,
//! and for an SD-JWT credential the claims to show, named with `--disclose` or asked claim by
//! claim at a terminal (none in a script: the least data by default).

use std::path::Path;

use credentials::sd_jwt::{ClaimPath, Step};
use credentials::{Clock, SystemClock};
use lang::Lang;

use crate::cli::exit::{coded, Failure};
use crate::cli::files::write_out;
use crate::cli::prompt::{self, passphrase};
use crate::domain::present::{self, Format};
use crate::domain::store::{Entry, Wallet};
use crate::i18n::t;
use crate::safe_text::printable;

/// What `wallet present` was asked for, without `--request`.
pub(crate) struct Asked<'a> {
    pub(crate) ids: &'a [String],
    pub(crate) challenge: &'a str,
    pub(crate) domain: &'a str,
    pub(crate) format: Format,
    pub(crate) disclose: Option<&'a [String]>,
    pub(crate) out: Option<&'a Path>,
}

pub(crate) fn present(dir: &Path, asked: &Asked, lang: Lang) -> Result<(), Failure> {
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
    let entries = asked.ids.iter().map(|id| wallet.find(id)).collect::<Result<Vec<_>, _>>()?;
    let (challenge, domain) = (asked.challenge, asked.domain);
    let failed = |e: credentials::Error| Failure::Usage(coded(&e, lang));
    let presentation = match entries.as_slice() {
        [entry] if present::is_sd_jwt(entry) => {
            let disclose = choose_disclosures(entry, asked.disclose, lang)?;
            present::present_sd_jwt(&wallet, entry, &disclose, challenge, domain, SystemClock.now()).map_err(failed)?
        }
        entries if entries.iter().any(present::is_sd_jwt) => {
            return Err(Failure::Usage(t!(lang, "present-sd-jwt-alone")))
        }
        _ if asked.disclose.is_some() => return Err(Failure::Usage(t!(lang, "present-disclose-not-sd-jwt"))),
        entries => present::present(
            &wallet,
            entries,
            challenge,
            domain,
            asked.format,
            credentials::proof::Suite::EddsaRdfc2022,
            SystemClock.now(),
        )
        .map_err(failed)?,
    };
    write_out(asked.out, &presentation, lang)
}

/// The claims of an SD-JWT credential to show: those named with `--disclose`; without it, each
/// disclosable claim asked about in a terminal, and none in a script (least data by default).
fn choose_disclosures(entry: &Entry, named: Option<&[String]>, lang: Lang) -> Result<Vec<ClaimPath>, Failure> {
    let failed = |e: credentials::Error| Failure::Usage(coded(&e, lang));
    if let Some(named) = named {
        return named
            .iter()
            .map(|path| ClaimPath::parse(path.trim()).map_err(|e| failed(e.into())))
            .collect::<Result<_, _>>();
    }
    let held = credentials::sd_jwt_vc::read(entry.credential.trim()).map_err(failed)?;
    if !prompt::can_ask() {
        eprintln!("{}", t!(lang, "disclose-none-in-script"));
        return Ok(Vec::new());
    }
    let ask = t!(lang, "disclose-ask");
    let mut chosen = Vec::new();
    for path in &held.disclosable {
        let names: Vec<String> = path
            .0
            .iter()
            .map(|step| match step {
                Step::Key(key) => key.clone(),
                Step::Index(index) => index.to_string(),
            })
            .collect();
        let label = printable(&schemas::sd_jwt_vc::claim_label(&held.claims, &names, lang));
        if prompt::yes(&format!("{label}\n  {ask}")) {
            chosen.push(path.clone());
        }
    }
    Ok(chosen)
}
