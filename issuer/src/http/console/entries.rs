//! Audit entries as the console shows them (a credential's history, the audit trail): when,
//! who (by the name they signed in under, and the identity the trail records), what in plain
//! words, and the reason given.

use lang::Lang;
use maud::{html, Markup};

use crate::domain::console::reason_of;
use crate::i18n::t;

/// Audit entries as a table (when, who, what, reason), labelled by the heading `labelled_by`:
/// a credential's history, and the audit trail.
pub(super) fn entries_table<'a>(
    entries: impl IntoIterator<Item = &'a crate::store::AuditRow>,
    names: &std::collections::HashMap<String, String>,
    labelled_by: &str,
    lang: Lang,
) -> Markup {
    html! {
        table aria-labelledby=(labelled_by) {
            thead { tr {
                th scope="col" { (t!(lang, "console-history-at")) }
                th scope="col" { (t!(lang, "console-history-who")) }
                th scope="col" { (t!(lang, "console-history-what")) }
                th scope="col" { (t!(lang, "console-history-reason")) }
            } }
            tbody {
                @for entry in entries {
                    tr {
                        td { (entry.at.get(..19).unwrap_or(&entry.at).replace('T', " ")) }
                        td { (who(&entry.actor, names)) }
                        td { (action_name(&entry.action, lang)) }
                        td { (reason_of(entry).unwrap_or_default()) }
                    }
                }
            }
        }
    }
}

/// Who did it: the name they signed in under, with the identity the trail records (once, when
/// the name already carries it, as a token's label does).
fn who(actor: &str, names: &std::collections::HashMap<String, String>) -> String {
    match names.get(actor) {
        Some(name) if name.contains(actor) => name.clone(),
        Some(name) => format!("{name} ({actor})"),
        None => actor.to_owned(),
    }
}

/// An action's name in `lang` (its code when the catalogue has none).
pub(super) fn action_name(action: &str, lang: Lang) -> String {
    t!(lang, "console-action", action = action.replace('.', "-"), code = action)
}
