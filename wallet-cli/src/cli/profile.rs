//! `wallet profile`: the person's own profile as a manager would see it, in their language (or
//! as JSON), after re-reading the status lists when asked (`--refresh`); and `wallet profile
//! note`, the person's own words about one of its credentials; `wallet profile export`, the
//! signed profile file for one employer; and `wallet profile withdraw`, taking one's profile out
//! of a verifier's talent directory. Text from credentials and the
//! person's words reach the terminal made harmless (`safe_text`).

use std::path::Path;

use credentials::verify::Network;
use credentials::{Clock, SystemClock};
use lang::Lang;
use serde_json::{json, Value};

use crate::cli::exit::{coded, Failure, EXIT_OK};
use crate::cli::files::write_new;
use crate::cli::prompt::passphrase;
use crate::cli::refreshing::{refresh, when};
use crate::domain::directory::{self, Withdrawal};
use crate::domain::exchange;
use crate::domain::exchange_error::{ExchangeError, Step};
use crate::domain::own_words::OwnWords;
use crate::domain::profile::{self, Line, Profile, Standing};
use crate::domain::profile_file;
use crate::domain::queried::short;
use crate::domain::store::Wallet;
use crate::domain::summary;
use crate::domain::trust::TrustList;
use crate::i18n::t;
use crate::safe_text::terminal_safe;

/// `wallet profile [--refresh] [--json]`.
pub(crate) fn show(
    dir: &Path,
    trust: &TrustList,
    refreshing: Option<&Network>,
    json: bool,
    lang: Lang,
) -> Result<(), Failure> {
    // Exclusive only when a refresh writes what it read.
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, refreshing.is_some())?;
    if let Some(network) = refreshing {
        refresh(&wallet, network, lang)?;
    }
    let profile = profile::build(&wallet, trust, SystemClock.now(), lang)?;
    if json {
        println!("{}", as_json(&profile, lang));
    } else {
        print!("{}", as_text(&profile, lang));
        if trust.registry.issuers.is_empty() && !(profile.families.is_empty() && profile.assignments.is_empty()) {
            eprintln!("{}", t!(lang, "list-no-trust"));
        }
    }
    for bad in &profile.damaged {
        eprintln!("{}", t!(lang, "list-damaged", id = bad.id.as_str(), reason = bad.reason.get(lang)));
    }
    Ok(())
}

/// `wallet profile note ENTRY (--en TEXT | --fr TEXT | --clear)`.
pub(crate) fn note(
    dir: &Path,
    id: &str,
    words: (Option<&str>, Option<&str>),
    clear: bool,
    lang: Lang,
) -> Result<(), Failure> {
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, true)?;
    let mut entry = wallet.find(id)?;
    let kind = summary::summarize(&entry.credential, lang).map(|s| s.kind).unwrap_or_default();
    if kind != "skill" && kind != "assignment" {
        return Err(Failure::Usage(t!(lang, "note-not-in-profile", id = entry.id.as_str())));
    }
    if clear {
        entry.note = None;
        wallet.update(&entry)?;
        eprintln!("{}", t!(lang, "note-cleared", id = entry.id.as_str()));
        return Ok(());
    }
    let (en, fr) = words;
    entry.note = Some(OwnWords::new(en, fr, SystemClock.now()).map_err(|e| Failure::Usage(e.message(lang)))?);
    wallet.update(&entry)?;
    eprintln!("{}", t!(lang, "note-saved", id = entry.id.as_str()));
    Ok(())
}

/// `wallet profile export --audience DOMAIN [--expires 30d] [--out FILE [--force]]`: the signed
/// profile file, and what it holds (the SD-JWT credentials it leaves out named) on standard
/// error.
pub(crate) fn export(
    dir: &Path,
    audience: &str,
    lifetime: chrono::Duration,
    (out, force): (Option<&Path>, bool),
    lang: Lang,
) -> Result<(), Failure> {
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
    let now = SystemClock.now();
    let (mut entries, left_out) = profile_file::select(&wallet, now)?;
    if !left_out.is_empty() {
        let ids: Vec<&str> = left_out.iter().map(|entry| short(&entry.id)).collect();
        eprintln!("{}", t!(lang, "export-sd-jwt-left-out", count = left_out.len(), ids = ids.join(", ")));
    }
    if entries.is_empty() {
        return Err(Failure::Usage(t!(lang, "export-empty")));
    }
    let count = entries.len();
    // The person's own words about them travel with them, marked as theirs.
    let words = crate::domain::self_issued::signed_entry(&wallet, &entries, now)
        .map_err(|e| Failure::Usage(coded(&e, lang)))?;
    entries.extend(words);
    let (file, expires) =
        profile_file::sign(&wallet, &entries, audience, lifetime, now).map_err(|e| Failure::Usage(coded(&e, lang)))?;
    match out {
        Some(path) => {
            write_new(path, &file, force, lang)?;
            eprintln!("{}", t!(lang, "export-written", path = path.display().to_string()));
        }
        None => println!("{file}"),
    }
    let expires = expires.format("%Y-%m-%d %H:%M UTC").to_string();
    eprintln!("{}", t!(lang, "export-done", audience = audience, count = count, expires = expires));
    Ok(())
}

/// `wallet profile withdraw --directory URL`: said withdrawn (with the publication's id), or that
/// nothing is published under the wallet's key there (exit 0: nothing of the person's is listed
/// either way); a refusal of the directory, with its reason, or a directory that cannot be
/// reached, exit 1; an address that is not one, exit 2.
pub(crate) fn withdraw(dir: &Path, directory: &str, lang: Lang) -> Result<u8, Failure> {
    let base = directory::base(directory)
        .map_err(|_| Failure::Usage(t!(lang, "withdraw-not-a-url", url = terminal_safe(directory))))?;
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
    let http = exchange::policy(Default::default());
    let shown = terminal_safe(base.as_str().trim_end_matches('/'));
    match directory::withdraw(&wallet, &base, &http, SystemClock.now(), lang) {
        Ok(Withdrawal::Withdrawn(id)) => {
            println!("{}", t!(lang, "withdraw-done", directory = shown, id = terminal_safe(&id)));
            Ok(EXIT_OK)
        }
        Ok(Withdrawal::NothingPublished) => {
            println!("{}", t!(lang, "withdraw-nothing", directory = shown, did = wallet.did()));
            Ok(EXIT_OK)
        }
        Err(error @ ExchangeError::Refused { step: Step::Withdraw, .. }) => {
            let reason = terminal_safe(&error.refusal_reason(lang).unwrap_or_default());
            Err(Failure::Invalid(t!(lang, "withdraw-refused", directory = shown, reason = reason)))
        }
        // Not reached: the profile is still listed there; say so, and what to do.
        Err(error @ ExchangeError::Unreachable { .. }) => Err(Failure::Invalid(format!(
            "{}\n{}",
            error.message(lang),
            t!(lang, "withdraw-unreachable-next", directory = shown)
        ))),
        Err(other) => Err(Failure::Invalid(other.message(lang))),
    }
}

fn standing_word(standing: Standing, lang: Lang) -> String {
    match standing {
        Standing::Verified => t!(lang, "standing-verified"),
        Standing::NotYetVerified => t!(lang, "standing-not-yet-verified"),
        Standing::Revoked => t!(lang, "standing-revoked"),
        Standing::Suspended => t!(lang, "standing-suspended"),
        Standing::Expired => t!(lang, "standing-expired"),
        Standing::NotYours => t!(lang, "standing-not-yours"),
        Standing::Untrusted => t!(lang, "standing-untrusted"),
    }
}

/// ✓ verified, ✗ said not to hold (revoked, suspended, expired, someone else's), ? not vouched
/// for (not verified yet, an issuer not trusted).
fn mark(standing: Standing) -> &'static str {
    match standing {
        Standing::Verified => "✓",
        Standing::NotYetVerified | Standing::Untrusted => "?",
        _ => "✗",
    }
}

fn checked(line: &Line, lang: Lang) -> String {
    match (&line.status_checked_at, line.status.as_deref()) {
        (_, Some("no status")) => t!(lang, "status-none"),
        (Some(at), _) => t!(lang, "status-checked-at", at = when(at)),
        (None, _) => t!(lang, "status-never-checked"),
    }
}

/// The words of a line after its own: standing, issuer, status read, wallet id.
fn line_text(line: &Line, lang: Lang) -> String {
    t!(
        lang,
        "profile-line",
        mark = mark(line.standing),
        standing = standing_word(line.standing, lang),
        issuer = terminal_safe(&line.issuer),
        checked = checked(line, lang),
        id = line.entry_id.as_str()
    )
}

fn own_words(words: &OwnWords, lang: Lang) -> Option<String> {
    let (text, written) = words.in_lang(lang)?;
    let text = terminal_safe(text);
    Some(match written == lang {
        true => t!(lang, "profile-own-words", text = text),
        false => t!(lang, "profile-own-words-in", text = text, language = written.as_str()),
    })
}

/// The profile as the terminal shows it.
pub(crate) fn as_text(profile: &Profile, lang: Lang) -> String {
    let mut out = t!(lang, "profile-title", did = profile.holder.as_str());
    out.push('\n');
    if profile.families.is_empty() && profile.assignments.is_empty() {
        out.push_str(&t!(lang, "profile-empty"));
        out.push('\n');
    }
    if !profile.families.is_empty() {
        out.push_str(&format!("\n{}\n", t!(lang, "profile-skills")));
    }
    for family in &profile.families {
        let name = family.name.clone().unwrap_or_else(|| t!(lang, "profile-family-other"));
        out.push_str(&format!("  {name}\n"));
        for skill in &family.skills {
            let name = terminal_safe(&skill.name);
            let heading = match skill.level() {
                Some(level) => {
                    t!(lang, "profile-skill", name = name, level = level.label(lang), issuers = skill.issuers())
                }
                None => t!(lang, "profile-skill-unattested", name = name),
            };
            out.push_str(&format!("    {heading}\n"));
            for attestation in &skill.attestations {
                let level = attestation.level.map_or_else(|| t!(lang, "profile-level-none"), |l| l.label(lang).into());
                out.push_str(&format!("      {level} — {}\n", line_text(&attestation.line, lang)));
                if let Some(words) = attestation.line.note.as_ref().and_then(|w| own_words(w, lang)) {
                    out.push_str(&format!("        {words}\n"));
                }
            }
        }
    }
    if !profile.assignments.is_empty() {
        out.push_str(&format!("\n{}\n", t!(lang, "profile-assignments")));
    }
    for assignment in &profile.assignments {
        let place = match &assignment.team {
            Some(team) => format!("{}, {}", terminal_safe(team), terminal_safe(&assignment.department)),
            None => terminal_safe(&assignment.department),
        };
        let end = assignment.end.clone().unwrap_or_else(|| t!(lang, "profile-current"));
        let heading = t!(
            lang,
            "profile-assignment",
            start = terminal_safe(&assignment.start),
            end = terminal_safe(&end),
            role = terminal_safe(&assignment.role),
            place = place
        );
        out.push_str(&format!("  {heading}\n"));
        if !assignment.skills_used.is_empty() {
            let skills = terminal_safe(&assignment.skills_used.join(", "));
            out.push_str(&format!("      {}\n", t!(lang, "profile-skills-used", skills = skills)));
        }
        out.push_str(&format!("      {}\n", line_text(&assignment.line, lang)));
        if let Some(words) = assignment.line.note.as_ref().and_then(|w| own_words(w, lang)) {
            out.push_str(&format!("      {words}\n"));
        }
    }
    if profile.others > 0 {
        out.push_str(&format!("\n{}\n", t!(lang, "profile-others", count = profile.others)));
    }
    out
}

fn line_json(line: &Line) -> Value {
    json!({"id": line.entry_id, "issuer": line.issuer, "issuerId": line.issuer_id,
        "standing": line.standing.code(), "verified": line.standing == Standing::Verified,
        "status": line.status, "statusCheckedAt": line.status_checked_at,
        // The person's own words: nobody signed them.
        "ownWords": line.note.as_ref().map(|w| json!({"en": w.en, "fr": w.fr, "writtenAt": w.written_at,
            "verified": false}))})
}

/// The same content as JSON: codes, not words, and names in the reader's language.
pub(crate) fn as_json(profile: &Profile, lang: Lang) -> Value {
    let families: Vec<Value> = profile
        .families
        .iter()
        .map(|family| {
            let skills: Vec<Value> = family
                .skills
                .iter()
                .map(|skill| {
                    let attestations: Vec<Value> = skill
                        .attestations
                        .iter()
                        .map(|a| {
                            let mut line = line_json(&a.line);
                            line["level"] = json!(a.level.map(|l| l.as_str()));
                            line
                        })
                        .collect();
                    json!({"key": skill.key, "name": skill.name, "level": skill.level().map(|l| l.as_str()),
                        "issuers": skill.issuers(), "credentials": attestations})
                })
                .collect();
            json!({"key": family.key, "name": family.name, "skills": skills})
        })
        .collect();
    let assignments: Vec<Value> = profile
        .assignments
        .iter()
        .map(|a| {
            let mut line = line_json(&a.line);
            let fields = json!({"role": a.role, "department": a.department, "team": a.team, "start": a.start,
                "end": a.end, "skillsUsed": a.skills_used});
            if let (Some(line), Some(fields)) = (line.as_object_mut(), fields.as_object()) {
                line.extend(fields.clone());
            }
            line
        })
        .collect();
    let damaged: Vec<Value> =
        profile.damaged.iter().map(|d| json!({"id": d.id, "reason": d.reason.en, "reason_fr": d.reason.fr})).collect();
    json!({"holder": profile.holder, "lang": lang.as_str(), "families": families, "assignments": assignments,
        "others": profile.others, "damaged": damaged})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::profile::{AssignmentRow, Attestation, FamilyGroup, SkillRow};

    fn line(id: &str, standing: Standing, note: Option<OwnWords>) -> Line {
        Line {
            entry_id: id.into(),
            issuer: "Good \u{202e}gnp.exe\u{202c} HR".into(),
            issuer_id: format!("did:web:{id}.example"),
            standing,
            status: Some("active".into()),
            status_checked_at: Some("2026-12-07T08:40:00Z".into()),
            note,
        }
    }

    #[test]
    fn the_profile_reads_in_french_with_own_words_marked_and_text_made_harmless() {
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let words = OwnWords::new(Some("Led \u{1b}[2Jthe API guild"), None, now);
        assert!(words.is_err(), "control characters are refused when written");
        let words = OwnWords::new(Some("Led the API guild"), None, now).unwrap();
        let skill = SkillRow {
            key: "api_design".into(),
            name: "API Design".into(),
            attestations: vec![
                Attestation { level: Some(schemas::Level::Expert), line: line("a1", Standing::Verified, Some(words)) },
                Attestation { level: Some(schemas::Level::Advanced), line: line("a2", Standing::Suspended, None) },
            ],
        };
        let profile = Profile {
            holder: "did:key:z6Mk".into(),
            families: vec![FamilyGroup { key: Some("ux".into()), name: Some("Web".into()), skills: vec![skill] }],
            assignments: vec![AssignmentRow {
                role: "Analyste".into(),
                department: "Services partagés".into(),
                team: None,
                start: "2024-01-01".into(),
                end: None,
                skills_used: vec!["API Design".into()],
                line: line("b1", Standing::Untrusted, None),
            }],
            others: 1,
            damaged: Vec::new(),
        };
        let text = as_text(&profile, Lang::Fr);
        for expected in [
            "API Design : Expert, attestée par 1 émetteur",
            "Expert — ✓ vérifiée à la réception ; Good ⟨U+202E⟩gnp.exe⟨U+202C⟩ HR ; statut vérifié le 2026-12-07 08:40 UTC [a1]",
            "Vos propres mots, en anglais (non vérifiés) : « Led the API guild »",
            "✗ suspendue",
            "2024-01-01 → en cours  Analyste (Services partagés)",
            "? par un émetteur que vous n'avez pas déclaré digne de confiance",
            "1 autre attestation",
        ] {
            assert!(text.contains(expected), "{expected}\n{text}");
        }
        assert!(!text.contains('\u{202e}'));
        let json = as_json(&profile, Lang::En);
        let first = &json["families"][0]["skills"][0]["credentials"][0];
        assert_eq!(
            (first["standing"].as_str(), first["ownWords"]["verified"].as_bool()),
            (Some("verified"), Some(false))
        );
        assert_eq!(json["assignments"][0]["standing"], "untrusted_issuer");
    }
}
