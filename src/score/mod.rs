//! Pure calculation on the document: scoring methods, status, period aggregation, roll-ups with
//! coverage, trend and forecast, and traces that explain every number. No GUI, no I/O.

pub mod book;
pub mod cascade;
pub mod computed;
pub mod forecast;
pub mod method;
pub mod period;
pub mod replan;
pub mod rollup;
pub mod series;
pub mod status;
pub mod trace;
pub mod weights;
pub mod whatif;
pub mod why;

pub use book::{KpiScore, NodeScore, ScoreBook, score_kpi};
pub use method::Undefined;
pub use period::{DateRange, PeriodSpec};
pub use rollup::Coverage;
pub use status::Status;
