//! A department's skills-ecosystem figures: counted by the database per quarter (each person in
//! at most [`CELLS_PER_PERSON`] cells of a table), released through OpenDP by the `figures`
//! crate, signed by the department as a `FiguresCredential`, and published at
//! `/{department}/figures/{period}/{id}`. Each release spends ε from the department's budget
//! for the quarter; one that would overspend is refused and publishes nothing, and every
//! release is in the audit trail.

use std::sync::Arc;

use credentials::error::Detail;
use credentials::secure::Mechanism;
use credentials::Signer;
use figures::{calibrate, release, FiguresError, Noise, Parameters, Quarter, Release, Table};
use serde_json::{json, Value};

use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::sign::sign;
use crate::domain::tokens::{Principal, Scope};
use crate::i18n::detail;
use crate::store::FigureRelease;

/// Cells of each table one person counts in, at most.
pub const CELLS_PER_PERSON: u32 = 4;
/// δ of a whole release (split evenly over its tables).
pub const RELEASE_DELTA: f64 = 1e-6;
/// Who a person is, as each release states it.
pub const PERSON_RULE: &str =
    "the credential's subject (credentialSubject.id), else the person reference the department recorded; credentials with neither are not counted";

/// A release as published.
#[derive(Debug, Clone)]
pub struct PublishedFigures {
    pub id: String,
    pub period: Quarter,
    /// Path of its stable URL: `/{department}/figures/{period}/{id}`.
    pub path: String,
    /// The signed credential's text.
    pub body: String,
    pub epsilon: f64,
}

fn refusal(error: FiguresError) -> IssuerError {
    IssuerError::BadRequest(Detail::of(&error))
}

impl IssuerService {
    /// Sets the total ε `department`'s releases may spend for `period` (`admin` scope).
    pub async fn set_figure_budget(
        &self,
        department: &str,
        period: Quarter,
        epsilon_total: f64,
        actor: &str,
    ) -> Result<(), IssuerError> {
        if !(epsilon_total.is_finite() && epsilon_total >= 0.0) {
            return Err(refusal(FiguresError::Epsilon(epsilon_total)));
        }
        self.department_row(department).await?;
        let period = period.to_string();
        let audit = self.audit(
            Some(department),
            actor,
            "figures.budget",
            json!({"period": period, "epsilonTotal": epsilon_total}),
        );
        Ok(self.store.set_figure_budget(department, &period, epsilon_total, &audit).await?)
    }

    /// [`Self::release_figures`] for an `admin` token of the department.
    pub async fn release_figures_as(
        &self,
        principal: &Principal,
        period: Quarter,
        epsilon: f64,
    ) -> Result<PublishedFigures, IssuerError> {
        principal.require(Scope::Admin)?;
        self.release_figures(&principal.department, period, epsilon, &principal.actor()).await
    }

    /// Counts, releases, signs and publishes `department`'s figures for `period`, spending
    /// `epsilon` of its budget.
    pub async fn release_figures(
        &self,
        department: &str,
        period: Quarter,
        epsilon: f64,
        actor: &str,
    ) -> Result<PublishedFigures, IssuerError> {
        if !(epsilon.is_finite() && epsilon > 0.0) {
            return Err(refusal(FiguresError::Epsilon(epsilon)));
        }
        let profile = self.issuer_profile(department).await?;
        let period_text = period.to_string();
        let spend = |spent: f64, total: f64| {
            IssuerError::BudgetSpent(detail!(
                "figures-budget-spent",
                department = department,
                period = period_text.as_str(),
                epsilon = epsilon.to_string(),
                left = (total - spent).max(0.0).to_string()
            ))
        };
        match self.store.figure_budget(department, &period_text).await? {
            None => {
                return Err(IssuerError::BudgetSpent(detail!(
                    "figures-no-budget",
                    department = department,
                    period = period_text.as_str()
                )))
            }
            Some((total, spent)) if spent + epsilon > total + 1e-9 => return Err(spend(spent, total)),
            Some(_) => {}
        }
        let families: Vec<(String, String)> = schemas::Taxonomy::gc_digital_talent()
            .skills()
            .iter()
            .flat_map(|skill| skill.families.iter().map(|family| (skill.key.clone(), family.clone())))
            .collect();
        let (start, end) = period.bounds();
        let counts =
            self.store.figure_counts(department, (&start, &end), &self.now(), CELLS_PER_PERSON, &families).await?;
        let tables = [
            ("skills", &["skill", "level"][..], &counts.skills),
            ("assignments", &["skillFamily"][..], &counts.assignments),
            ("revocations", &["credentialType"][..], &counts.revocations),
        ];
        let share = Parameters {
            epsilon: epsilon / tables.len() as f64,
            delta: RELEASE_DELTA / tables.len() as f64,
            cells_per_person: CELLS_PER_PERSON,
        };
        let calibration = calibrate(share).map_err(refusal)?;
        let noise = Noise::OpenDp;
        let mut released = Vec::with_capacity(tables.len());
        for (name, dimensions, cells) in tables {
            let noisy = release(cells, &calibration, &noise).map_err(refusal)?;
            released.push(Table::new(name, dimensions, calibration, noisy));
        }
        let figures = Release {
            source: profile.id.clone(),
            period,
            mechanism: noise.describe().to_owned(),
            composition: figures::COMPOSITION.to_owned(),
            threshold_rule: figures::THRESHOLD_RULE.to_owned(),
            person: PERSON_RULE.to_owned(),
            epsilon: calibration.epsilon * released.len() as f64,
            delta: calibration.delta * released.len() as f64,
            tables: released,
        };
        let id = uuid::Uuid::new_v4().to_string();
        let path = format!("/{department}/figures/{period_text}/{id}");
        let credential = json!({
            "@context": [schemas::CREDENTIALS_V2_CONTEXT_URL, schemas::TALENT_CONTEXT_URL],
            "id": format!("urn:uuid:{id}"),
            "type": ["VerifiableCredential", "FiguresCredential"],
            "issuer": profile.id,
            "validFrom": self.now(),
            "credentialSubject": {"type": "FiguresRelease", "figures": serde_json::to_value(&figures).unwrap_or(Value::Null)},
        });
        let signer = self.signer(department).await?;
        let secured = sign(
            &credential,
            signer as Arc<dyn Signer>,
            Mechanism::DataIntegrity(credentials::proof::Suite::EddsaRdfc2022),
            self.clock.now(),
            &self.contexts,
        )?;
        let body = secured.record_text();
        let audit = self.audit(
            Some(department),
            actor,
            "figures.release",
            json!({"id": id, "period": period_text, "epsilon": figures.epsilon, "delta": figures.delta}),
        );
        let recorded = self
            .store
            .record_figure_release(
                &FigureRelease {
                    department,
                    id: &id,
                    period: &period_text,
                    epsilon: figures.epsilon,
                    created_at: &self.now(),
                    body: &body,
                },
                &audit,
            )
            .await?;
        if !recorded {
            // Another release spent the budget meanwhile: nothing was written.
            let (total, spent) = self.store.figure_budget(department, &period_text).await?.unwrap_or_default();
            return Err(spend(spent, total));
        }
        Ok(PublishedFigures { id, period, path, body, epsilon: figures.epsilon })
    }

    /// A published release's signed credential, for anyone.
    pub async fn published_figures(&self, department: &str, period: &str, id: &str) -> Result<String, IssuerError> {
        self.store
            .figure_release(department, period, id)
            .await?
            .ok_or_else(|| IssuerError::NotFound(detail!("figures-release-not-found", period = period, id = id)))
    }
}
