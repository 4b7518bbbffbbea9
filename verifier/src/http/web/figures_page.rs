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
/// Height of a row's label, above its bars, and of each bar's line.
const LABEL: i64 = 26;
const BAR: i64 = 18;
/// Fill of each series' bars (dark blue, brown: both with text contrast on white).
const FILLS: [&str; 2] = ["#26374a", "#8a4f00"];

/// One chart: an id, its title, what its labels are, what each series counts (persons,
/// requests, answers), an optional legend, and its rows: a label and one count per series.
struct Chart<'a> {
    id: &'a str,
    title: &'a str,
    label_header: &'a str,
    series: Vec<&'a str>,
    legend: Option<&'a str>,
    rows: Vec<(String, Vec<i64>)>,
}

impl<'a> Chart<'a> {
    /// A chart of one series.
    fn single(id: &'a str, title: &'a str, headers: (&'a str, &'a str), bars: Vec<(String, i64)>) -> Self {
        let rows = bars.into_iter().map(|(label, count)| (label, vec![count])).collect();
        Chart { id, title, label_header: headers.0, series: vec![headers.1], legend: None, rows }
    }
}

/// The chart drawn in SVG, each series scaled to its own largest count (series count different
/// things), with the table of its numbers behind it.
fn chart(lang: Lang, chart: &Chart<'_>) -> Markup {
    let largest: Vec<i64> = (0..chart.series.len())
        .map(|s| chart.rows.iter().filter_map(|(_, counts)| counts.get(s).copied()).max().unwrap_or(1).max(1))
        .collect();
    let row_height = LABEL + BAR * i64::try_from(chart.series.len()).unwrap_or(1);
    let height = row_height * i64::try_from(chart.rows.len()).unwrap_or(0) + 8;
    let title_id = format!("{}-title", chart.id);
    html! {
        section.figure aria-labelledby=(format!("{}-heading", chart.id)) {
            h2 id=(format!("{}-heading", chart.id)) { (chart.title) }
            @if let Some(legend) = chart.legend { p { (legend) } }
            svg role="img" aria-labelledby=(title_id) viewBox=(format!("0 0 {WIDTH} {height}")) width="100%" xmlns="http://www.w3.org/2000/svg" {
                title id=(title_id) { (chart.title) }
                @for (index, (label, counts)) in chart.rows.iter().enumerate() {
                    @let top = row_height * i64::try_from(index).unwrap_or(0);
                    text x="0" y=(top + 16) font-size="14" fill="#1b1b1b" { (label) }
                    @for (s, count) in counts.iter().enumerate() {
                        @let y = top + LABEL - 4 + BAR * i64::try_from(s).unwrap_or(0);
                        @let width = ((*count).max(0) * (WIDTH - 80)) / largest.get(s).copied().unwrap_or(1);
                        rect x="0" y=(y) width=(width) height="14" fill=(FILLS[s % FILLS.len()]) {}
                        text x=(width + 6) y=(y + 12) font-size="13" fill="#1b1b1b" { (count) }
                    }
                }
            }
            table {
                caption { (t!(lang, "figures-table-caption", chart = chart.title)) }
                thead {
                    tr {
                        th scope="col" { (chart.label_header) }
                        @for header in &chart.series { th scope="col" { (header) } }
                    }
                }
                tbody {
                    @for (label, counts) in &chart.rows {
                        tr { th scope="row" { (label) } @for count in counts { td { (count) } } }
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
    let (skill, count) = (text!(lang, "figures-col-skill"), text!(lang, "figures-col-count"));
    let answers = text!(lang, "figures-col-answers");
    let flows = view
        .totals_of("mobility", &["issuer", "verifier"], MOST_BARS)
        .into_iter()
        .map(|(key, count)| (key.join(" → "), count))
        .collect();
    let mut supply_demand = view.supply_and_demand();
    supply_demand.truncate(MOST_BARS);
    let charts = [
        Chart::single(
            "top-skills",
            text!(lang, "figures-chart-top-skills"),
            (skill, count),
            named(view.totals("skills", "skill", MOST_BARS), &skill_name),
        ),
        Chart::single(
            "levels",
            text!(lang, "figures-chart-levels"),
            (text!(lang, "figures-col-level"), count),
            named(view.totals("skills", "level", MOST_BARS), &level_name),
        ),
        Chart::single(
            "families",
            text!(lang, "figures-chart-families"),
            (text!(lang, "figures-col-family"), count),
            named(view.totals("assignments", "skillFamily", MOST_BARS), &family_name),
        ),
        Chart::single(
            "demand",
            text!(lang, "figures-chart-demand"),
            (skill, text!(lang, "figures-col-requests")),
            named(view.totals("demand", "skill", MOST_BARS), &skill_name),
        ),
        Chart {
            id: "supply-demand",
            title: text!(lang, "figures-chart-supply-demand"),
            label_header: text!(lang, "figures-col-family"),
            series: vec![text!(lang, "figures-col-supply"), text!(lang, "figures-col-demand")],
            legend: Some(text!(lang, "figures-supply-demand-legend")),
            rows: supply_demand
                .into_iter()
                .map(|row| (family_name(row.family), vec![row.supply, row.demand]))
                .collect(),
        },
        Chart::single("flows", text!(lang, "figures-chart-flows"), (text!(lang, "figures-col-flow"), answers), flows),
        Chart::single(
            "accepted-skills",
            text!(lang, "figures-chart-accepted-skills"),
            (skill, answers),
            named(view.totals("mobility", "skill", MOST_BARS), &skill_name),
        ),
        Chart::single(
            "quarters",
            text!(lang, "figures-chart-quarters"),
            (text!(lang, "figures-col-quarter"), count),
            quarters,
        ),
    ];
    html! {
        @for one in charts.iter().filter(|c| !c.rows.is_empty()) {
            (chart(lang, one))
        }
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
