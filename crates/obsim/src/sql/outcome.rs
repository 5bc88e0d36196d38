//! What one statement produced, as the SQL layer returns it: an OK with a row count, a result
//! set (vertical when the statement ended with `\\G`), or an error. The shell hands it to
//! `obclient` to print.

use crate::error::ObError;
use crate::value::ResultSet;

/// The result of running one statement, as the client receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An OK packet: `Query OK, N rows affected[, W warnings]`, and the packet's info string
    /// when the server sends one (`Rows matched: …` after an UPDATE, `Records: …` after an
    /// INSERT of more than one row), which obclient prints on the next line.
    Ok {
        affected: u64,
        warnings: u32,
        info: Option<String>,
    },
    /// A result set; `vertical` when the statement ended with `\G`.
    Rows {
        set: ResultSet,
        vertical: bool,
    },
    Error(ObError),
}
