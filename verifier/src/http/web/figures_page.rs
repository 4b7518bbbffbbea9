//! `GET /figures`: the skills-ecosystem figures `verifier figures combine` wrote (the directory
//! given to `verifier serve --figures`), as bar charts drawn in SVG on the server — most
//! certified skills, certified skills by level, skills used in assignments by family, the
//! skills verifiers' requests asked for (demand), supply against demand per skill family, the
//! flows of accepted credentials between organizations (mobility) and the trend per quarter —
//! each with the table of its numbers right behind it, so a screen reader, a keyboard or a
//! printer gets the same figures; and the sources with their period and ε.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use lang::Lang;
use maud::{html, Markup};

use crate::domain::figures::FiguresView;
use crate::domain::service::VerifierService;
use crate::http::language::lang_of;
use crate::http::web::forms::LangQuery;
use crate::http::web::page::page;
use crate::i18n::{t, text};

/// Bars per chart, at most.
const MOST_BARS: usize = 10;
/// Width of the chart's drawing, in SVG units.
const WIDTH: i64 = 640;
/// Height of one bar's row (its label above, the bar under it).
const ROW: i64 = 44;

/// One chart: an id, its title, what its labels are, and the (label, count) bars.
struct Chart<'a> {
    id: &'a str,
    title: &'a str,
    label_header: &'a str,
    /// What the counts count (persons, requests, answers).
    count_header: &'a str,
    bars: Vec<(String, i64)>,
}

fn chart(lang: Lang, chart: &Chart<'_>) -> Markup {
    let largest = chart.bars.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let height = ROW * i64::try_from(chart.bars.len()).unwrap_or(0) + 8;
    let title_id = format!("{}-title", chart.id);
    html! {
        section.figure aria-labelledby=(format!("{}-heading", chart.id)) {
            h2 id=(format!("{}-heading", chart.id)) { (chart.title) }
            svg role="img" aria-labelledby=(title_id) viewBox=(format!("0 0 {WIDTH} {height}")) width="100%" xmlns="http://www.w3.org/2000/svg" {
                title id=(title_id) { (chart.title) }
                @for (index, (label, count)) in chart.bars.iter().enumerate() {
                    @let top = ROW * i64::try_from(index).unwrap_or(0);
                    @let width = ((*count).max(0) * (WIDTH - 80)) / largest;
                    text x="0" y=(top + 16) font-size="14" fill="#1b1b1b" { (label) }
                    rect x="0" y=(top + 22) width=(width) height="16" fill="#26374a" {}
                    text x=(width + 6) y=(top + 35) font-size="13" fill="#1b1b1b" { (count) }
                }
            }
            table {
                caption { (t!(lang, "figures-table-caption", chart = chart.title)) }
                thead { tr { th scope="col" { (chart.label_header) } th scope="col" { (chart.count_header) } } }
                tbody {
                    @for (label, count) in &chart.bars {
                        tr { th scope="row" { (label) } td { (count) } }
                    }
                }
            }
        }
    }
}

/// Supply (persons certified) against demand (requests asking) per skill family: two bars a
/// family, each scaled to its own largest value (they count different things), with the table.
fn supply_and_demand(lang: Lang, view: &FiguresView, family_name: &dyn Fn(String) -> String) -> Markup {
    let mut rows = view.supply_and_demand();
    rows.truncate(MOST_BARS);
    if rows.is_empty() {
        return html! {};
    }
    let most_supply = rows.iter().map(|r| r.supply).max().unwrap_or(1).max(1);
    let most_demand = rows.iter().map(|r| r.demand).max().unwrap_or(1).max(1);
    let title = text!(lang, "figures-chart-supply-demand");
    let height = (ROW + 20) * i64::try_from(rows.len()).unwrap_or(0) + 8;
    let bar = |count: i64, most: i64| (count.max(0) * (WIDTH - 80)) / most;
    html! {
        section.figure aria-labelledby="supply-demand-heading" {
            h2 #supply-demand-heading { (title) }
            p { (text!(lang, "figures-supply-demand-legend")) }
            svg role="img" aria-labelledby="supply-demand-title" viewBox=(format!("0 0 {WIDTH} {height}")) width="100%" xmlns="http://www.w3.org/2000/svg" {
                title #supply-demand-title { (title) }
                @for (index, row) in rows.iter().enumerate() {
                    @let top = (ROW + 20) * i64::try_from(index).unwrap_or(0);
                    text x="0" y=(top + 16) font-size="14" fill="#1b1b1b" { (family_name(row.family.clone())) }
                    rect x="0" y=(top + 22) width=(bar(row.supply, most_supply)) height="14" fill="#26374a" {}
                    text x=(bar(row.supply, most_supply) + 6) y=(top + 34) font-size="13" fill="#1b1b1b" { (row.supply) }
                    rect x="0" y=(top + 40) width=(bar(row.demand, most_demand)) height="14" fill="#8a4f00" {}
                    text x=(bar(row.demand, most_demand) + 6) y=(top + 52) font-size="13" fill="#1b1b1b" { (row.demand) }
                }
            }
            table {
                caption { (t!(lang, "figures-table-caption", chart = title)) }
                thead {
                    tr {
                        th scope="col" { (text!(lang, "figures-col-family")) }
                        th scope="col" { (text!(lang, "figures-col-supply")) }
                        th scope="col" { (text!(lang, "figures-col-demand")) }
                    }
                }
                tbody {
                    @for row in &rows {
                        tr { th scope="row" { (family_name(row.family.clone())) } td { (row.supply) } td { (row.demand) } }
                    }
                }
            }
        }
    }
}

fn status_text(lang: Lang, status: &str) -> &'static str {
    match status {
        "combined" => text!(lang, "figures-status-combined"),
        "combined-untrusted" => text!(lang, "figures-status-combined-untrusted"),
        "untrusted-left-out" => text!(lang, "figures-status-untrusted-left-out"),
        _ => text!(lang, "figures-status-refused"),
    }
}

fn charts(lang: Lang, view: &FiguresView) -> Markup {
    let taxonomy = schemas::Taxonomy::gc_digital_talent();
    let skill_name = |key: String| taxonomy.skill(&key).map(|s| s.name.get(lang).to_owned()).unwrap_or(key);
    let family_name = |key: String| taxonomy.family(&key).map(|f| f.name.get(lang).to_owned()).unwrap_or(key);
    let level_name =
        |key: String| key.parse::<schemas::Level>().map(|level| level.label(lang).to_owned()).unwrap_or(key);
    let named = |bars: Vec<(String, i64)>, name: &dyn Fn(String) -> String| {
        bars.into_iter().map(|(key, count)| (name(key), count)).collect::<Vec<_>>()
    };
    let mut quarters = view.totals("skills", "period", usize::MAX);
    quarters.sort();
    let charts = [
        Chart {
            id: "top-skills",
            title: text!(lang, "figures-chart-top-skills"),
            label_header: text!(lang, "figures-col-skill"),
            count_header: text!(lang, "figures-col-count"),
            bars: named(view.totals("skills", "skill", MOST_BARS), &skill_name),
        },
        Chart {
            id: "levels",
            title: text!(lang, "figures-chart-levels"),
            label_header: text!(lang, "figures-col-level"),
            count_header: text!(lang, "figures-col-count"),
            bars: named(view.totals("skills", "level", MOST_BARS), &level_name),
        },
        Chart {
            id: "families",
            title: text!(lang, "figures-chart-families"),
            label_header: text!(lang, "figures-col-family"),
            count_header: text!(lang, "figures-col-count"),
            bars: named(view.totals("assignments", "skillFamily", MOST_BARS), &family_name),
        },
        Chart {
            id: "demand",
            title: text!(lang, "figures-chart-demand"),
            label_header: text!(lang, "figures-col-skill"),
            count_header: text!(lang, "figures-col-requests"),
            bars: named(view.totals("demand", "skill", MOST_BARS), &skill_name),
        },
        Chart {
            id: "flows",
            title: text!(lang, "figures-chart-flows"),
            label_header: text!(lang, "figures-col-flow"),
            count_header: text!(lang, "figures-col-answers"),
            bars: view
                .totals_of("mobility", &["issuer", "verifier"], MOST_BARS)
                .into_iter()
                .map(|(key, count)| (key.join(" → "), count))
                .collect(),
        },
        Chart {
            id: "accepted-skills",
            title: text!(lang, "figures-chart-accepted-skills"),
            label_header: text!(lang, "figures-col-skill"),
            count_header: text!(lang, "figures-col-answers"),
            bars: named(view.totals("mobility", "skill", MOST_BARS), &skill_name),
        },
        Chart {
            id: "quarters",
            title: text!(lang, "figures-chart-quarters"),
            label_header: text!(lang, "figures-col-quarter"),
            count_header: text!(lang, "figures-col-count"),
            bars: quarters,
        },
    ];
    html! {
        @for one in charts.iter().filter(|c| !c.bars.is_empty()) {
            (chart(lang, one))
        }
        (supply_and_demand(lang, view, &family_name))
        section.figure-sources aria-labelledby="sources-heading" {
            h2 #sources-heading { (text!(lang, "figures-sources-heading")) }
            table {
                caption { (text!(lang, "figures-sources-caption")) }
                thead {
                    tr {
                        th scope="col" { (text!(lang, "figures-col-source")) }
                        th scope="col" { (text!(lang, "figures-col-quarter")) }
                        th scope="col" { (text!(lang, "figures-col-epsilon")) }
                        th scope="col" { (text!(lang, "figures-col-status")) }
                    }
                }
                tbody {
                    @for source in &view.sources {
                        tr {
                            th scope="row" { code { (source.source) } }
                            td { (source.period) }
                            td { @if let Some(epsilon) = source.epsilon { (epsilon) } }
                            td { (status_text(lang, &source.status)) }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /figures`.
pub(crate) async fn figures_get(
    State(service): State<Arc<VerifierService>>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(query.lang.as_deref(), &headers);
    let view = service.figures();
    let body = html! {
        h1 { (text!(lang, "figures-page-title")) }
        p { (text!(lang, "figures-page-intro")) }
        @match &view {
            Some(view) => (charts(lang, view)),
            None => p { (text!(lang, "figures-page-empty")) },
        }
    };
    page(lang, StatusCode::OK, text!(lang, "figures-page-title"), "/figures", body)
}
