//! Persistence: the only module that holds SQL. The verifier's state outlives its process and is
//! shared by its replicas: presentation requests and their outcomes, single-use challenges, API
//! tokens (hashed), the request-signing keys (sealed), and the talent directory's publications. One code path for the embedded SQLite
//! default and for PostgreSQL, through `sqlx`'s `Any` driver, with a migration folder per
//! backend, as in the issuer. Every "once only" (an answer taken, a challenge used) is one
//! conditional statement, never a read then a write, so two replicas cannot both win.

mod challenges;
mod database;
mod directory;
mod error;
mod family_levels;
mod figure_demand;
mod keys;
mod requests;
mod tokens;
mod views;

pub use database::{Backend, Store};
pub use directory::{Found, NewPublication, PublicationRow, SearchRows, SkillRow};
pub use error::StoreError;
pub use keys::KeyRow;
pub use requests::{Finished, NewRequest, RequestRow, Status, Taken};
pub use tokens::TokenRow;
pub use views::RevealRow;
