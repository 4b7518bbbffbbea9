//! The figures of two departments end to end: each department's release signed as a
//! `FiguresCredential`, `verifier figures combine` (the real binary) verifying both against the
//! trust registry and writing their sum, and `verifier serve --figures DIR` showing it on
//! `/figures` (a verifier's demand release beside them) as SVG charts with a table behind each, in English and French, in headless
//! Chromium: axe-core finds no WCAG 2.1 A/AA violation in either language, and each language's
//! page is saved as a screenshot (`figures-en.png`, `figures-fr.png`).

use credentials::contexts::ContextSet;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::{Clock, SystemClock};
use fantoccini::Locator;
use scenarios::{binary, start_verifier, TestKey};
use serde_json::{json, Value};

use crate::browser_kit::{tools, Browser};

fn table(name: &str, dimensions: &[&str], cells: &[(Vec<&str>, i64)]) -> Value {
    json!({
        "name": name,
        "dimensions": dimensions,
        "calibration": {"scale": 6.0, "threshold": 92, "epsilon": 0.3333333333333333, "delta": 3.3e-7, "cellsPerPerson": 4},
        "cells": cells.iter().map(|(key, count)| json!({"key": key, "count": count})).collect::<Vec<_>>(),
    })
}

/// A department's signed release for `period`.
fn release(key: &TestKey, period: &str, skills: &[(Vec<&str>, i64)], families: &[(Vec<&str>, i64)]) -> String {
    signed(
        key,
        period,
        vec![table("skills", &["skill", "level"], skills), table("assignments", &["skillFamily"], families)],
    )
}

/// `tables` signed by `key` as its FiguresCredential for `period`.
fn signed(key: &TestKey, period: &str, tables: Vec<Value>) -> String {
    let figures = json!({
        "source": key.did(), "period": period, "mechanism": "OpenDP 0.16 make_laplace_threshold",
        "composition": figures::COMPOSITION, "thresholdRule": figures::THRESHOLD_RULE,
        "person": "the credential's subject", "epsilon": 1.0, "delta": 1e-6,
        "tables": tables,
    });
    let credential = json!({
        "@context": [schemas::CREDENTIALS_V2_CONTEXT_URL, schemas::TALENT_CONTEXT_URL],
        "id": format!("urn:uuid:figures-{period}-{}", key.did().len()),
        "type": ["VerifiableCredential", "FiguresCredential"],
        "issuer": key.did(),
        "validFrom": "2026-10-01T00:00:00Z",
        "credentialSubject": {"type": "FiguresRelease", "figures": figures},
    });
    let options = ProofOptions::new(Suite::EddsaRdfc2022, SystemClock.now());
    serde_json::to_string(&add_proof(&credential, key, &options, &ContextSet::standard()).unwrap()).unwrap()
}

#[test]
fn combined_figures_are_charted_with_tables_and_pass_axe_in_both_languages() {
    let work = tempfile::tempdir().unwrap();
    let (hr, finance, hiring) = (TestKey::from_seed(81), TestKey::from_seed(82), TestKey::from_seed(83));
    let taxonomy = schemas::Taxonomy::gc_digital_talent();
    let (family_a, family_b) = (taxonomy.families()[0].key.as_str(), taxonomy.families()[1].key.as_str());
    let (hr_did, hiring_did) = (hr.did(), hiring.did());
    let sources = [
        ("hr-q3.json", release(&hr, "2026Q3", &[(vec!["api_design", "advanced"], 140)], &[(vec![family_a], 210)])),
        (
            "hr-q4.json",
            release(
                &hr,
                "2026Q4",
                &[(vec!["api_design", "advanced"], 180), (vec!["accessibility_testing", "intermediate"], 120)],
                &[(vec![family_a], 260), (vec![family_b], 95)],
            ),
        ),
        (
            "finance-q4.json",
            release(
                &finance,
                "2026Q4",
                &[(vec!["api_design", "expert"], 101), (vec!["adaptability", "advanced"], 133)],
                &[(vec![family_b], 150)],
            ),
        ),
        // A verifier's demand (the skills its requests asked for) and mobility (the issuers and
        // skills of the credentials its verified answers carried).
        (
            "hiring-q4.json",
            signed(
                &hiring,
                "2026Q4",
                vec![
                    table("demand", &["skill"], &[(vec!["api_design"], 260), (vec!["adobe_xd"], 75)]),
                    table(
                        "mobility",
                        &["issuer", "verifier", "skill"],
                        &[(vec![hr_did.as_str(), hiring_did.as_str(), "api_design"], 97)],
                    ),
                ],
            ),
        ),
    ];
    let mut paths = Vec::new();
    for (name, text) in &sources {
        let path = work.path().join(name);
        std::fs::write(&path, text).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    let trust = work.path().join("trust.toml");
    let entry = |key: &TestKey, name: &str, name_fr: &str| {
        format!("[[issuer]]\nid = \"{}\"\nname = \"{name}\"\nname_fr = \"{name_fr}\"\ncredential_types = [\"FiguresCredential\"]\n\n", key.did())
    };
    let registry =
        entry(&hr, "HR", "RH") + &entry(&finance, "Finance", "Finances") + &entry(&hiring, "Hiring", "Embauche");
    std::fs::write(&trust, registry).unwrap();
    let out = work.path().join("combined");
    let combined = std::process::Command::new(binary("verifier"))
        .args(["figures", "combine"])
        .args(&paths)
        .args(["--trust", trust.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(combined.status.success(), "{}", String::from_utf8_lossy(&combined.stderr));
    let csv = std::fs::read_to_string(out.join("skills.csv")).unwrap();
    assert!(csv.contains("2026Q4,api_design,advanced,180\n"), "{csv}");
    let flows = std::fs::read_to_string(out.join("mobility.csv")).unwrap();
    assert!(flows.contains(&format!("2026Q4,{hr_did},{hiring_did},api_design,97\n")), "{flows}");
    // Supply against demand per family, for API design's first family: the certified and asked
    // skills of that family added up (API design certified 140 + 180 + 101 times, asked 260).
    let api_family = &taxonomy.skill("api_design").unwrap().families[0];
    let in_family = |counts: &[(&str, i64)]| -> i64 {
        let of_family = |skill: &str| taxonomy.skill(skill).unwrap().families.contains(api_family);
        counts.iter().filter(|(skill, _)| of_family(skill)).map(|(_, n)| n).sum()
    };
    let supply = in_family(&[("api_design", 421), ("accessibility_testing", 120), ("adaptability", 133)]);
    let demand = in_family(&[("api_design", 260), ("adobe_xd", 75)]);
    let supply_demand = std::fs::read_to_string(out.join("supply-demand.csv")).unwrap();
    let row = format!("{api_family},{supply},{demand}");
    assert!(supply_demand.lines().any(|line| line == row), "{row} in {supply_demand}");

    let Some((driver, axe)) = tools() else {
        return;
    };
    let (_verifier, base) = start_verifier(&["--figures", out.to_str().unwrap()]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (_driver, browser) = Browser::launch(&driver, axe).await;
        for (lang, heading, top) in [
            ("en", "Skills-ecosystem figures", "Most certified skills"),
            ("fr", "Chiffres de l'écosystème des compétences", "Compétences les plus attestées"),
        ] {
            browser.client.goto(&format!("{base}/figures?lang={lang}")).await.unwrap();
            browser.wait_text("h1", heading).await;
            assert!(browser.text("#top-skills-heading").await.contains(top));
            // API design: 140 + 180 in HR, 101 at Finance.
            let table = browser.text("section[aria-labelledby='top-skills-heading'] table").await;
            assert!(table.contains("421"), "{table}");
            let charts = browser.client.find_all(Locator::Css("svg[role='img']")).await.unwrap();
            let tables = browser.client.find_all(Locator::Css("section.figure table")).await.unwrap();
            // Top skills, levels, families, demand, flows, accepted skills, quarters, supply and demand.
            assert_eq!(charts.len(), 8);
            assert!(browser.text("section[aria-labelledby='demand-heading'] table").await.contains("260"));
            let flows = browser.text("section[aria-labelledby='flows-heading'] table").await;
            assert!(flows.contains(&format!("{hr_did} → {hiring_did}")) && flows.contains("97"), "{flows}");
            let shown = browser.text("section[aria-labelledby='supply-demand-heading'] table").await;
            assert!(shown.contains(&supply.to_string()) && shown.contains(&demand.to_string()), "{shown}");
            assert_eq!(tables.len(), charts.len(), "a table behind each chart");
            let sources = browser.text("section[aria-labelledby='sources-heading'] table").await;
            assert!(sources.contains(&hr.did()) && sources.contains(&finance.did()), "{sources}");
            browser.check(&format!("figures-{lang}")).await;
        }
    });
}
