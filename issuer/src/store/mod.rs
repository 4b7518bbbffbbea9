//! Persistence: the only module that holds SQL. One code path for the embedded SQLite default
//! and for PostgreSQL (several issuer replicas), through `sqlx`'s `Any` driver, with a migration
//! folder per backend. Every change that must be attributable writes its audit entry in the
//! same transaction, so the log and the data cannot disagree.

mod audit;
mod backend;
mod credentials;
mod database;
mod departments;
mod dump;
mod error;
mod figure_counts;
mod group_commit;
mod offers;
mod oidc_logins;
mod permutation;
mod rows;
mod search;
mod sessions;
mod status;
mod tokens;
mod uploads;

pub use backend::Backend;
pub use database::Store;
pub use error::StoreError;
pub use figure_counts::{FigureCounts, FigureRelease};
pub use group_commit::Stored;
pub use offers::OfferRow;
pub use oidc_logins::OidcLoginRow;
pub use rows::{
    person_key, AuditRow, CredentialRow, DepartmentRow, KeyBackend, KeyRow, KeyStatus, StatusSlot, TokenRow,
};
pub use search::{CredentialSearch, FoundCredential, FoundStatus};
pub use sessions::SessionRow;
pub use status::StatusListRow;
pub use uploads::{UploadCounts, UploadJobRow, UploadRowRow};
