//! `verifier figures combine URL… --out DIR`: each release read (over HTTPS under the library's
//! address rules, or from a file), judged by `domain::figures` (signature, source, trust
//! registry), and the combination written as one CSV per table, `supply-demand.csv` (per skill
//! family), `figures.json` and `metadata.json` (sources, periods, ε per source, what was left
//! out and why). Each source's fate is said on standard error; the exit code is 0 when every
//! source was combined.

use std::collections::HashMap;
use std::path::Path;

use credentials::error::{io_reason, Detail};
use credentials::net::HttpPolicy;
use figures::Combined;
use lang::Lang;
use serde_json::{json, Value};

use crate::cli::args::{CombineArgs, VerifyArgs};
use crate::cli::exit::{EXIT_INVALID, EXIT_VALID};
use crate::cli::verify::build_verifier;
use crate::domain::figures::{combine as combine_sources, judge, Combination, FiguresView, Judged, SourceOutcome};
use crate::domain::trust::Registry;
use crate::i18n::t;

/// Largest release read.
const MAX_RELEASE_BYTES: usize = 8 * 1024 * 1024;

fn unwritable(path: &Path, error: &std::io::Error) -> Detail {
    let path = path.display().to_string();
    Detail::localized(|lang| t!(lang, "cli-unwritable", path = path.as_str(), reason = io_reason(error, lang)))
}

/// The bytes of one source: fetched when it is an HTTP(S) URL, read when it is a file.
fn read_source(source: &str, policy: &HttpPolicy) -> Result<Vec<u8>, Detail> {
    let fetch_failed = |reason: String| {
        let source = source.to_owned();
        Detail::localized(move |lang| {
            t!(lang, "figures-fetch-failed", source = source.as_str(), reason = reason.as_str())
        })
    };
    if source.starts_with("https://") || source.starts_with("http://") {
        let url = url::Url::parse(source).map_err(|e| fetch_failed(e.to_string()))?;
        let response = policy
            .get(&url, "application/vc+ld+json, application/json", None, MAX_RELEASE_BYTES)
            .map_err(|e| fetch_failed(e.to_string()))?;
        Ok(response.body)
    } else {
        std::fs::read(source).map_err(|e| fetch_failed(io_reason(&e, Lang::En)))
    }
}

/// Runs the command: its exit code.
pub fn combine(args: &CombineArgs, lang: Lang) -> Result<u8, Detail> {
    let verify_args = VerifyArgs {
        paths: Vec::new(),
        json: false,
        verbose: false,
        online: args.online,
        did_web_hosts: args.did_web_hosts.clone(),
        status_cache: 300,
        require_status: false,
        status_lists: Vec::new(),
        trust: None,
        did_documents: args.did_documents.clone(),
        contexts: Vec::new(),
        at: None,
        challenge: None,
        domain: None,
        threads: None,
    };
    let verifier = build_verifier(&verify_args).map_err(|e| Detail::localized(|lang| e.message(lang)))?;
    let registry =
        args.trust.as_deref().map(Registry::load).transpose().map_err(|e| Detail::localized(|lang| e.message(lang)))?;
    let mut overrides = HashMap::new();
    for pair in &args.did_web_hosts {
        if let Some((host, base)) = pair.split_once('=') {
            if let Ok(url) = url::Url::parse(base) {
                overrides.insert(host.to_owned(), url);
            }
        }
    }
    let policy = HttpPolicy { overrides, ..HttpPolicy::default() };
    let now = verifier.clock.now();
    let sources: Vec<SourceOutcome> = args
        .sources
        .iter()
        .map(|source| SourceOutcome {
            source: source.clone(),
            judged: match read_source(source, &policy) {
                Ok(bytes) => judge(&verifier, registry.as_ref(), &bytes, now),
                Err(reason) => Judged::Refused(reason),
            },
        })
        .collect();
    let combination = combine_sources(sources, args.include_untrusted);
    let mut all_combined = true;
    for outcome in &combination.sources {
        let source = outcome.source.as_str();
        let line = match &outcome.judged {
            Judged::Trusted(release) => {
                let (period, epsilon) = (release.period.to_string(), release.epsilon.to_string());
                t!(lang, "figures-combined", source = source, period = period, epsilon = epsilon)
            }
            Judged::Untrusted { issuer, .. } if args.include_untrusted => {
                t!(lang, "figures-untrusted-included", source = source, issuer = issuer.as_str())
            }
            Judged::Untrusted { issuer, .. } => {
                all_combined = false;
                t!(lang, "figures-untrusted", source = source, issuer = issuer.as_str())
            }
            Judged::Refused(reason) => {
                all_combined = false;
                t!(lang, "figures-refused", source = source, reason = reason.get(lang))
            }
        };
        eprintln!("{line}");
    }
    write_outputs(&args.out, &combination)?;
    eprintln!("{}", t!(lang, "figures-written", dir = args.out.display().to_string()));
    Ok(if all_combined { EXIT_VALID } else { EXIT_INVALID })
}

/// `metadata.json`: where each figure came from, and what was left out.
fn metadata(combination: &Combination) -> Value {
    let sources: Vec<Value> = combination
        .sources
        .iter()
        .map(|outcome| match &outcome.judged {
            Judged::Trusted(release) => json!({
                "url": outcome.source, "status": "combined", "source": release.source, "period": release.period,
                "epsilon": release.epsilon, "delta": release.delta, "mechanism": release.mechanism,
            }),
            Judged::Untrusted { issuer, release } => json!({
                "url": outcome.source,
                "status": if combination.included_untrusted { "combined-untrusted" } else { "untrusted-left-out" },
                "source": issuer, "period": release.period, "epsilon": release.epsilon, "delta": release.delta,
                "mechanism": release.mechanism,
            }),
            Judged::Refused(reason) => json!({
                "url": outcome.source, "status": "refused",
                "reason": {"en": reason.get(Lang::En), "fr": reason.get(Lang::Fr)},
            }),
        })
        .collect();
    json!({
        "combination": "sum of the sources' noisy counts per cell (post-processing of independent releases: no privacy cost beyond each source's own ε); a cell a source did not release was suppressed there, not zero",
        "sources": sources,
    })
}

fn tables_json(combined: &Combined) -> Value {
    let tables: serde_json::Map<String, Value> = combined
        .tables
        .iter()
        .map(|(name, table)| {
            let cells: Vec<Value> =
                table.cells.iter().map(|(cell, count)| json!({"key": cell.0, "count": count})).collect();
            (name.clone(), json!({"dimensions": table.dimensions, "cells": cells}))
        })
        .collect();
    Value::Object(tables)
}

fn write_outputs(dir: &Path, combination: &Combination) -> Result<(), Detail> {
    std::fs::create_dir_all(dir).map_err(|e| unwritable(dir, &e))?;
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| unwritable(&path, &e))
    };
    let pretty = |value: &Value| serde_json::to_string_pretty(value).unwrap_or_default();
    let tables = tables_json(&combination.combined);
    write("figures.json", pretty(&tables))?;
    write("metadata.json", pretty(&metadata(combination)))?;
    for (name, table) in &combination.combined.tables {
        let csv_failed = |e: csv::Error| unwritable(dir, &std::io::Error::other(e.to_string()));
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.write_record(table.dimensions.iter().map(String::as_str).chain(["count"])).map_err(csv_failed)?;
        for (cell, count) in &table.cells {
            csv.write_record(cell.0.iter().cloned().chain([count.to_string()])).map_err(csv_failed)?;
        }
        let bytes = csv.into_inner().map_err(|e| unwritable(dir, &std::io::Error::other(e.to_string())))?;
        write(&format!("{name}.csv"), String::from_utf8_lossy(&bytes).into_owned())?;
    }
    // Supply against demand per skill family: post-processing of the summed noisy counts.
    let view = FiguresView::of_tables(&tables).unwrap_or_default();
    let mut csv = String::from("skillFamily,supply,demand\n");
    for row in view.supply_and_demand() {
        csv.push_str(&format!("{},{},{}\n", row.family, row.supply, row.demand));
    }
    write("supply-demand.csv", csv)?;
    Ok(())
}

fn quarter(period: &str) -> Result<figures::Quarter, Detail> {
    period.parse().map_err(|e: figures::FiguresError| Detail::of(&e))
}

/// `verifier figures budget` and `verifier figures release`: this verifier's demand figures.
pub fn demand(command: crate::cli::args::FiguresCommand, lang: Lang) -> Result<(), Detail> {
    use crate::cli::admin::{master_key, now, open_store, runtime};
    use crate::cli::args::FiguresCommand;
    use crate::domain::demand;
    let failed = |e: demand::DemandError| Detail::localized(|lang| e.message(lang));
    match command {
        FiguresCommand::Combine(_) => Ok(()),
        FiguresCommand::Budget { store, period, epsilon } => {
            let period = quarter(&period)?;
            let runtime = runtime()?;
            let _context = runtime.enter();
            let store = open_store(&store)?;
            runtime.block_on(demand::set_budget(&store, period, epsilon)).map_err(failed)?;
            eprintln!("{}", t!(lang, "demand-budget-set", period = period.to_string(), epsilon = epsilon.to_string()));
            Ok(())
        }
        FiguresCommand::Release { store, period, epsilon } => {
            let period = quarter(&period)?;
            let master = master_key(&store)?;
            let runtime = runtime()?;
            let _context = runtime.enter();
            let store = open_store(&store)?;
            let body = runtime.block_on(async {
                let key = crate::domain::request_key::current(&store, &master, now())
                    .await
                    .map_err(|e| Detail::localized(|lang| e.message(lang)))?;
                demand::release_demand(
                    &store,
                    std::sync::Arc::new(key),
                    period,
                    epsilon,
                    credentials::Clock::now(&credentials::SystemClock),
                )
                .await
                .map_err(failed)
            })?;
            eprintln!("{}", t!(lang, "demand-released", period = period.to_string(), epsilon = epsilon.to_string()));
            println!("{body}");
            Ok(())
        }
    }
}
