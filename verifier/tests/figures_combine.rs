//! `verifier figures combine` (issue #25) on signed releases of three departments: two the
//! trust registry vouches for, one it does not, and a copy of one whose figures were altered
//! after signing. The combination is the sum of the trusted releases' noisy counts per cell,
//! the metadata lists each source with its period and ε, the altered copy is refused with the
//! failed check, and the untrusted release is reported and left out unless asked for.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use credentials::contexts::ContextSet;
use credentials::secure::Mechanism;
use credentials::Signer;
use figures::{Calibration, Count, Release, Table};
use keys::LocalKey;
use lang::Lang;
use serde_json::{json, Value};
use verifier::cli::args::CombineArgs;

fn release(source: &str, cells: &[(&str, &str, i64)]) -> Release {
    let calibration = Calibration { scale: 4.0, threshold: 60, epsilon: 1.0, delta: 1e-6, cells_per_person: 4 };
    Release {
        source: source.to_owned(),
        period: "2026Q4".parse().unwrap(),
        mechanism: "OpenDP 0.16 make_laplace_threshold".into(),
        composition: figures::COMPOSITION.into(),
        threshold_rule: figures::THRESHOLD_RULE.into(),
        person: "credential subject".into(),
        epsilon: 1.0,
        delta: 1e-6,
        tables: vec![Table {
            name: "skills".into(),
            dimensions: vec!["skill".into(), "level".into()],
            calibration,
            cells: cells
                .iter()
                .map(|(skill, level, count)| Count { key: vec![(*skill).into(), (*level).into()], count: *count })
                .collect(),
        }],
    }
}

/// A release signed by `key` as a FiguresCredential, written to `dir/name`.
fn signed(dir: &Path, name: &str, key: &Arc<LocalKey>, cells: &[(&str, &str, i64)]) -> (PathBuf, String) {
    let did = credentials::did::did_of(key.verification_method()).unwrap().to_owned();
    let credential = json!({
        "@context": [schemas::CREDENTIALS_V2_CONTEXT_URL, schemas::TALENT_CONTEXT_URL],
        "id": format!("urn:uuid:{name}"),
        "type": ["VerifiableCredential", "FiguresCredential"],
        "issuer": did,
        "validFrom": "2026-12-01T00:00:00Z",
        "credentialSubject": {"type": "FiguresRelease", "figures": serde_json::to_value(release(&did, cells)).unwrap()},
    });
    let signer: Arc<dyn Signer> = key.clone();
    let secured = credentials::secure::secure(
        &credential,
        signer,
        Mechanism::DataIntegrity(credentials::proof::Suite::EddsaRdfc2022),
        credentials::Clock::now(&credentials::SystemClock),
        &ContextSet::standard(),
        |_| String::new(),
    )
    .unwrap();
    let path = dir.join(name);
    std::fs::write(&path, secured.record_text()).unwrap();
    (path, did)
}

fn args(sources: &[&Path], out: &Path, trust: &Path, include_untrusted: bool) -> CombineArgs {
    CombineArgs {
        sources: sources.iter().map(|p| p.display().to_string()).collect(),
        out: out.to_owned(),
        trust: Some(trust.to_owned()),
        include_untrusted,
        online: false,
        did_web_hosts: Vec::new(),
        did_documents: Vec::new(),
    }
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn count(figures: &Value, skill: &str, level: &str) -> Option<i64> {
    figures["skills"]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|cell| cell["key"] == json!(["2026Q4", skill, level]))
        .map(|cell| cell["count"].as_i64().unwrap())
}

#[test]
fn releases_are_verified_judged_and_summed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (Arc::new(LocalKey::generate()), Arc::new(LocalKey::generate()), Arc::new(LocalKey::generate()));
    let (file_a, did_a) = signed(dir.path(), "a.json", &a, &[("rust", "advanced", 120), ("sql", "advanced", 80)]);
    let (file_b, did_b) = signed(dir.path(), "b.json", &b, &[("rust", "advanced", 61), ("java", "intermediate", 90)]);
    let (file_c, did_c) = signed(dir.path(), "c.json", &c, &[("rust", "advanced", 1000)]);
    // Department A's release with one count raised after signing.
    let altered = dir.path().join("a-altered.json");
    let text = std::fs::read_to_string(&file_a).unwrap();
    assert!(text.contains("\"count\":120"), "{text}");
    std::fs::write(&altered, text.replace("\"count\":120", "\"count\":720")).unwrap();
    let trust = dir.path().join("trust.toml");
    std::fs::write(
        &trust,
        format!(
            "[[issuer]]\nid = \"{did_a}\"\nname = \"A\"\nname_fr = \"A\"\ncredential_types = [\"FiguresCredential\"]\n\n\
             [[issuer]]\nid = \"{did_b}\"\nname = \"B\"\nname_fr = \"B\"\ncredential_types = [\"FiguresCredential\"]\n"
        ),
    )
    .unwrap();

    let out = dir.path().join("out");
    let code =
        verifier::cli::figures::combine(&args(&[&file_a, &file_b, &file_c, &altered], &out, &trust, false), Lang::En)
            .unwrap();
    assert_eq!(code, 1, "a source was left out");
    let figures = read(&out.join("figures.json"));
    assert_eq!(count(&figures, "rust", "advanced"), Some(120 + 61));
    assert_eq!(count(&figures, "sql", "advanced"), Some(80));
    assert_eq!(count(&figures, "java", "intermediate"), Some(90));
    assert_eq!(figures["skills"]["dimensions"], json!(["period", "skill", "level"]));
    let csv = std::fs::read_to_string(out.join("skills.csv")).unwrap();
    assert!(csv.starts_with("period,skill,level,count\n"), "{csv}");
    assert!(csv.contains("2026Q4,rust,advanced,181\n"), "{csv}");

    let metadata = read(&out.join("metadata.json"));
    let sources = metadata["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 4);
    assert_eq!(sources[0]["status"], "combined");
    assert_eq!(sources[0]["source"], did_a.as_str());
    assert_eq!(sources[0]["period"], "2026Q4");
    assert_eq!(sources[0]["epsilon"], 1.0);
    assert_eq!(sources[1]["status"], "combined");
    assert_eq!(sources[1]["source"], did_b.as_str());
    assert_eq!(sources[2]["status"], "untrusted-left-out");
    assert_eq!(sources[2]["source"], did_c.as_str());
    assert_eq!(sources[3]["status"], "refused");
    let reason = sources[3]["reason"]["en"].as_str().unwrap();
    assert!(reason.starts_with("the release does not verify"), "{reason}");
    assert!(sources[3]["reason"]["fr"].as_str().unwrap().starts_with("la publication ne se vérifie pas"));

    // Asked for, the untrusted release is combined too (and still said to be untrusted).
    let out = dir.path().join("out-all");
    let code =
        verifier::cli::figures::combine(&args(&[&file_a, &file_b, &file_c], &out, &trust, true), Lang::Fr).unwrap();
    assert_eq!(code, 0);
    assert_eq!(count(&read(&out.join("figures.json")), "rust", "advanced"), Some(120 + 61 + 1000));
    assert_eq!(read(&out.join("metadata.json"))["sources"][2]["status"], "combined-untrusted");
}
