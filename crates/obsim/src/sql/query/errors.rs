//! MySQL's errors of the query evaluator, one constructor per error: each code, SQLSTATE
//! and wording is spelled in exactly one place.
//!
//! Invariant: the texts are MySQL's byte for byte (the golden transcripts compare them), and
//! names in them are printed the way MySQL prints them (function names in lower case).

use super::Clause;
use crate::error::ObError;

pub(super) fn unknown_column(name: &str, clause: Clause) -> ObError {
    ObError::mysql(
        1054,
        "42S22",
        format!("Unknown column '{name}' in '{}'", clause.place()),
    )
}

pub(super) fn invalid_group_function() -> ObError {
    ObError::mysql(1111, "HY000", "Invalid use of group function")
}

pub(super) fn unknown_function(name: &str) -> ObError {
    ObError::mysql(
        1305,
        "42000",
        format!("FUNCTION {} does not exist", name.to_ascii_lowercase()),
    )
}

pub(super) fn wrong_param_count(name: &str) -> ObError {
    ObError::mysql(
        1582,
        "42000",
        format!(
            "Incorrect parameter count in the call to native function '{}'",
            name.to_ascii_lowercase()
        ),
    )
}

pub(super) fn out_of_range(type_name: &str, text: &str) -> ObError {
    ObError::mysql(
        1690,
        "22003",
        format!("{type_name} value is out of range in '{text}'"),
    )
}

pub(super) fn cant_group_on(name: &str) -> ObError {
    ObError::mysql(1056, "42000", format!("Can't group on '{name}'"))
}

pub(super) fn no_tables_used() -> ObError {
    ObError::mysql(1096, "HY000", "No tables used")
}

pub(super) fn too_big_precision(precision: &str, name: &str) -> ObError {
    ObError::mysql(
        1426,
        "42000",
        format!(
            "Too-big precision {precision} specified for '{}'. Maximum is 6.",
            name.to_ascii_lowercase()
        ),
    )
}

/// Hand-built ASTs are not depth-limited by the parser; OceanBase answers an expression too
/// deep for its stack with OB_SIZE_OVERFLOW.
pub(super) fn too_deep() -> ObError {
    ObError::ob(-4019, "Size overflow")
}
