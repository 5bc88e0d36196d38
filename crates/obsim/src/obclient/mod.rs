//! The obclient side of a session: what the client prints for one statement, its prompt and
//! welcome banner, and how it cuts typed text into statements.
//!
//! Everything here mirrors `obclient:client/mysql.cc` (reference §4.4): `com_go` for the
//! summaries, `print_table_data` / `print_table_data_vertically` for result sets, `put_info`
//! for errors, `construct_prompt` for the prompt and `add_line` for statement splitting.
//! Nothing here reads a clock or decides anything: it prints the SQL layer's outcome and the
//! elapsed time the shell got from `cost`.
//!
//! - `print`: outcomes, tables, the vertical layout, errors (Oracle texts included), elapsed time;
//! - `prompt`: the prompt, the continuation prompt, the welcome banner, the version comment;
//! - `split`: the statement splitter;
//! - `commands`: what the client's own commands print (`help`, `status`).
//!
//! The submodules are private; everything is used as `obclient::…` through the re-exports below.

mod commands;
mod print;
mod prompt;
mod split;

pub use commands::{StatusInfo, help_text, status_text};
pub use print::{
    error_text, format_elapsed, format_outcome, oracle_error_text, render_table, render_vertical,
};
pub use prompt::{continuation_prompt, prompt, server_version_comment, welcome_banner};
pub use split::{InputStatement, Split, is_complete_in, split_statements, split_statements_in};

#[cfg(test)]
mod tests;
