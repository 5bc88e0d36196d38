//! The tenant and job dashboards (issue 5 §2, §3).
//!
//! Everything shown is derived from the engine (`Engine::read` inside `Memo`s over the domain
//! types of `model`, which reuse the views' row functions). Buttons never change the engine:
//! they hand the equivalent statement (`sql`) to the console through `Engine::run_sql`, so the
//! user sees and learns it. Text is always inserted as text.

mod compare;
pub mod drill;
mod jobs;
pub mod model;
mod restore;
mod sets;
pub mod sql;
mod tenant;
pub mod timeline;

pub use jobs::JobDashboard;
pub use restore::RestoreDrill;
pub use tenant::TenantDashboard;
