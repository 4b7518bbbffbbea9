//! The commands that need no service: generate a key file, publish keys as a DID document, fill
//! a template, and sign one credential, all on this machine.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::error::Detail;
use credentials::{Clock, Signer};
use keys::{KeyFile, LocalKey};
use schemas::{Issuer, Lang, Level, LocalizedText};

use crate::cli::args::{IssuerArgs, SignArgs, TemplateCommand};
use crate::cli::error::CommandError;
use crate::cli::render::print_json;
use crate::domain::template::{self, Assignment};
use crate::i18n::{detail, t};

fn parse_time(text: &str, flag: &str) -> Result<DateTime<Utc>, CommandError> {
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|_| CommandError::Usage(detail!("cli-time-invalid", flag = flag, text = text)))
}

fn passphrase(variable: &str) -> Option<String> {
    std::env::var(variable).ok().filter(|p| !p.is_empty())
}

fn load_key(path: &Path, passphrase_env: &str) -> Result<LocalKey, CommandError> {
    let file = KeyFile::read(path)?;
    Ok(file.unlock(path, passphrase(passphrase_env).as_deref())?)
}

fn issuer_of(args: &IssuerArgs) -> Result<Issuer, CommandError> {
    let id = match (&args.issuer, &args.key) {
        (Some(id), _) => id.clone(),
        (None, Some(path)) => {
            let file = KeyFile::read(path)?;
            credentials::did::did_of(&file.verification_method)
                .map_err(|e| CommandError::Usage(Detail::of(&e)))?
                .to_owned()
        }
        (None, None) => return Err(CommandError::Usage(detail!("cli-issuer-missing"))),
    };
    Ok(Issuer { id, name: LocalizedText::new(args.issuer_name.clone(), args.issuer_name_fr.clone()) })
}

fn valid_from(args: &IssuerArgs, clock: &dyn Clock) -> Result<DateTime<Utc>, CommandError> {
    args.valid_from.as_deref().map(|t| parse_time(t, "valid-from")).unwrap_or_else(|| Ok(clock.now()))
}

/// `issuer key generate`: a new key file (mode 0600), its DID printed.
pub(crate) fn generate_key(
    out: &Path,
    passphrase_env: Option<&str>,
    verification_method: Option<String>,
    lang: Lang,
) -> Result<(), CommandError> {
    let mut key = LocalKey::generate();
    if let Some(method) = verification_method {
        credentials::did::did_of(&method).map_err(|e| CommandError::Usage(Detail::of(&e)))?;
        key = key.with_verification_method(method);
    }
    let secret = match passphrase_env {
        Some(variable) => Some(
            passphrase(variable)
                .ok_or_else(|| CommandError::Usage(detail!("cli-passphrase-variable-empty", variable = variable)))?,
        ),
        None => None,
    };
    KeyFile::from_key(&key, secret.as_deref())?.write_new(out)?;
    let did = credentials::did::did_of(key.verification_method()).map_err(|e| CommandError::Usage(Detail::of(&e)))?;
    eprintln!("{}", t!(lang, "cli-key-written", path = out.display().to_string(), did = did));
    println!("{did}");
    Ok(())
}

/// `issuer key did-document`: the did.json publishing these key files' public keys.
pub(crate) fn did_document(keys: &[PathBuf]) -> Result<(), CommandError> {
    let mut methods = Vec::new();
    let mut did: Option<String> = None;
    for path in keys {
        let file = KeyFile::read(path)?;
        let key_did = credentials::did::did_of(&file.verification_method)
            .map_err(|e| CommandError::Usage(Detail::of(&e)))?
            .to_owned();
        if did.as_ref().is_some_and(|d| *d != key_did) {
            let other = did.unwrap_or_default();
            return Err(CommandError::Usage(detail!(
                "cli-key-of-another-did",
                path = path.display().to_string(),
                did = key_did.as_str(),
                other = other.as_str()
            )));
        }
        let key = credentials::multikey::decode_public(&file.public_key_multibase)
            .map_err(|e| CommandError::Usage(Detail::of(&e)))?;
        methods.push((file.verification_method.clone(), key));
        did = Some(key_did);
    }
    let document = credentials::did::DidDocument::with_keys(&did.unwrap_or_default(), &methods);
    print_json(&document, true)?;
    Ok(())
}

/// `issuer sign`: one credential read from standard input (or `--input`), checked and signed.
pub(crate) fn sign(args: &SignArgs, clock: &dyn Clock) -> Result<(), CommandError> {
    let key: Arc<dyn Signer> = Arc::new(load_key(&args.key, &args.passphrase_env)?);
    let mut bytes = Vec::new();
    let limit = credentials::input::MAX_INPUT_BYTES as u64 + 1;
    let read = match &args.input {
        Some(path) => std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes)),
        None => std::io::stdin().lock().take(limit).read_to_end(&mut bytes),
    };
    read.map_err(|e| {
        CommandError::Usage(Detail::localized(|lang| {
            t!(lang, "cli-credential-unreadable", reason = credentials::error::io_reason(&e, lang))
        }))
    })?;
    let credential = match credentials::input::parse(&bytes) {
        Ok(credentials::input::Parsed::Credential(value)) => value,
        Ok(_) => return Err(CommandError::Usage(detail!("cli-not-an-unsigned-credential"))),
        Err(error) => return Err(CommandError::Usage(Detail::of(&error))),
    };
    let secured = crate::domain::sign::sign(&credential, key, args.suite, clock.now(), &ContextSet::standard())?;
    println!("{secured}");
    Ok(())
}

/// `issuer template …`: prints the unsigned credential.
pub(crate) fn print_template(command: TemplateCommand, clock: &dyn Clock) -> Result<(), CommandError> {
    match command {
        TemplateCommand::Skill { issuer, skill, level, evidence, evidence_fr, valid_until } => {
            let level: Level = level
                .parse()
                .map_err(|e: schemas::SchemaError| CommandError::Usage(Detail::localized(|lang| e.message(lang))))?;
            let evidence = evidence.zip(evidence_fr).map(|(en, fr)| LocalizedText::new(en, fr));
            let until = valid_until.as_deref().map(|t| parse_time(t, "valid-until")).transpose()?;
            let credential = template::skill(
                issuer_of(&issuer)?,
                issuer.subject.as_deref(),
                &skill,
                level,
                evidence,
                valid_from(&issuer, clock)?,
                until,
            )?;
            print_json(&credential, true)?;
        }
        TemplateCommand::Assignment {
            issuer,
            role,
            role_fr,
            department,
            department_fr,
            team,
            team_fr,
            start,
            end,
            skills,
        } => {
            let assignment = Assignment {
                role: LocalizedText::new(role, role_fr),
                department: LocalizedText::new(department, department_fr),
                team: team.zip(team_fr).map(|(en, fr)| LocalizedText::new(en, fr)),
                start: parse_time(&start, "start")?,
                end: end.as_deref().map(|t| parse_time(t, "end")).transpose()?,
                skills,
            };
            let credential = template::assignment(
                issuer_of(&issuer)?,
                issuer.subject.as_deref(),
                assignment,
                valid_from(&issuer, clock)?,
            )?;
            print_json(&credential, true)?;
        }
    }
    Ok(())
}
