//! What obclient shows around statements: the prompt (`construct_prompt`), the continuation
//! prompt of an unfinished statement, the welcome banner on connect and the simulated server's
//! `@@version_comment`.
//!
//! Invariant: pure text from the names, mode and pending input given; the continuation prompt
//! asks the splitter what is open, so it always agrees with how the text will be split.

use super::split::{Open, split_with_open};
use crate::compat::CompatMode;

/// The obclient ≥ 2.2.7 prompt `obclient(<user>@<tenant>)[<database>]> `, trailing space
/// included (reference §4.4). MySQL mode shows `(none)` without a current database. In
/// Oracle mode the bracket holds the current schema, which obclient reads with
/// `SYS_CONTEXT('USERENV','CURRENT_SCHEMA')` and which defaults to the login user's own schema,
/// so `None` shows the user: `obclient(SYS@oracle_tenant)[SYS]> `. Names are shown as given:
/// pass them as the server reports them (Oracle upper-cases unquoted user names).
pub fn prompt(user: &str, tenant: &str, database: Option<&str>, mode: CompatMode) -> String {
    let db = match (database, mode) {
        (Some(db), _) => db,
        (None, CompatMode::MySql) => "(none)",
        (None, CompatMode::Oracle) => user,
    };
    format!("obclient({user}@{tenant})[{db}]> ")
}

/// The prompt for the next line of an incomplete statement, from the pending text
/// ([`Split::rest`](super::Split::rest)), as `read_and_execute` in mysql.cc chooses it: `   /*> ` inside a block
/// comment, `    '> ` / `    "> ` / ``    `> `` inside an open quote, `    -> ` otherwise.
pub fn continuation_prompt(rest: &str, mode: CompatMode) -> &'static str {
    match split_with_open(rest, mode).1 {
        Open::None => "    -> ",
        Open::Quote('\'') => "    '> ",
        Open::Quote('"') => "    \"> ",
        Open::Quote(_) => "    `> ",
        Open::Comment => "   /*> ",
    }
}

/// A fixed `@@version_comment` for the simulated observer: the real shape
/// (`OceanBase_CE <version> (r<build>-<commit>) (Built <date>)`) with an obviously synthetic
/// build number and commit, and the date of the 4.3.3 branch the reference was read from.
pub fn server_version_comment(version: &str) -> String {
    format!(
        "OceanBase_CE {version} (r100000000000000000-0000000000000000000000000000000000000000) \
         (Built Oct 28 2024 00:00:00)"
    )
}

/// What obclient prints on connect (`main` in mysql.cc): three `put_info` calls, each adding a
/// newline, so the server version and the copyright are followed by an empty line, then the
/// help hint and another empty line. The copyright years are `OB_WELCOME_COPYRIGHT_NOTICE("2000")`
/// with `COPYRIGHT_NOTICE_CURRENT_YEAR` "2018" (`obclient:include/welcome_copyright_notice.h`, as
/// every obclient release since October 2022 has it, 2.2.13 included; only a July 2022 commit
/// said "2022").
/// `server_version` is the server's `@@version_comment` (see [`server_version_comment`]).
pub fn welcome_banner(connection_id: u64, server_version: &str) -> String {
    format!(
        "Welcome to the OceanBase.  Commands end with ; or \\g.\n\
         Your OceanBase connection id is {connection_id}\n\
         Server version: {server_version}\n\
         \n\
         Copyright (c) 2000, 2018, OceanBase and/or its affiliates. All rights reserved.\n\
         \n\
         Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\
         \n"
    )
}
