//! The client loop shared by the `obsim` command and the web console: input splitting, login
//! lines, prompts, echo, simulated timing, and the command log that replays a session.
//!
//! A session is fully described by a `SessionLog` (format version, seed, scenario and the timed
//! list of what was typed): replaying it through a fresh `Shell` gives the same transcript and
//! the same engine state every time.

use crate::cluster::{Cluster, SYS_TENANT_ID};
use crate::compat::CompatMode;
use crate::error::ObError;
use crate::hints::{self, Hint};
use crate::obclient;
use crate::session_log::{ClusterOptions, Command, Fault, SESSION_LOG_VERSION, SessionLog};
use crate::sql::exec::{self, Session};
use crate::sql::outcome::Outcome;
use serde::{Deserialize, Serialize};

/// One echoed input and what it printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The prompt the input was typed at, e.g. `obclient(root@sys)[oceanbase]> `.
    pub prompt: String,
    /// The input as typed, terminator included; continuation lines as typed.
    pub input: String,
    pub output: String,
    pub is_error: bool,
    /// What a console may add under the output for a learner (never part of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Hint>,
}

impl Entry {
    /// The entry as a terminal shows it: prompt and input (continuation lines behind `    -> `),
    /// then the output.
    pub fn render(&self, mode: CompatMode) -> String {
        let mut out = String::new();
        for (i, line) in self.input.split('\n').enumerate() {
            if i == 0 {
                out.push_str(&self.prompt);
            } else {
                out.push_str(obclient::continuation_prompt("", mode));
            }
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&self.output);
        out
    }
}

pub struct Shell {
    pub cluster: Cluster,
    pub session: Session,
    /// Everything run so far, for replay.
    pub commands: Vec<Command>,
    scenario: String,
    /// The cluster's options when they are not the defaults (recorded in the log).
    options: Option<ClusterOptions>,
    /// Transcript entries the scenario's prelude printed (the first of a replayed transcript).
    prelude: usize,
    /// Statements run so far (salts the simulated timings).
    seq: u64,
    connections: u64,
}

const FIRST_CONNECTION_ID: u64 = 3_221_487_616;

/// The scenario name of a shell started without one (`scenario::DEFAULT`).
pub const DEFAULT_SCENARIO: &str = "fresh";

impl Shell {
    /// A fresh cluster logged on as root@sys.
    pub fn new(seed: u64) -> Shell {
        Shell::with_cluster(Cluster::new(seed))
    }

    pub fn with_cluster(cluster: Cluster) -> Shell {
        let sys = cluster.tenant(SYS_TENANT_ID).cloned();
        let session = match sys {
            Some(t) => Session::new("root", &t, FIRST_CONNECTION_ID),
            None => unreachable_session(),
        };
        Shell {
            cluster,
            session,
            commands: Vec::new(),
            scenario: DEFAULT_SCENARIO.into(),
            options: None,
            prelude: 0,
            seq: 0,
            connections: 1,
        }
    }

    /// A fresh cluster built with `options`, logged on as root@sys; the log records them.
    pub fn with_options(seed: u64, options: ClusterOptions) -> Shell {
        let options = crate::limits::clamp_options(options);
        let mut shell = Shell::with_cluster(Cluster::with_options(seed, options.clone()));
        shell.options = (options != ClusterOptions::default()).then_some(options);
        shell
    }

    /// Whether nothing has run in this shell yet.
    pub fn is_new(&self) -> bool {
        self.commands.is_empty() && self.seq == 0
    }

    /// Names the scenario this session started from (recorded in its log); `replay::start`
    /// sets it after running the scenario's prelude, which must leave the command log empty.
    pub fn set_scenario(&mut self, name: &str) {
        self.scenario = name.to_string();
    }

    /// The scenario this session started from.
    pub fn scenario(&self) -> &str {
        &self.scenario
    }

    /// How many transcript entries the scenario's prelude printed (they come first).
    pub fn prelude_len(&self) -> usize {
        self.prelude
    }

    /// Records how many entries the prelude printed (`replay::start_scenario`).
    pub fn set_prelude_len(&mut self, entries: usize) {
        self.prelude = entries;
    }

    pub fn prompt(&self) -> String {
        obclient::prompt(
            &self.session.user,
            &self.session.tenant_name,
            self.session.database.as_deref(),
            self.session.mode,
        )
    }

    pub fn mode(&self) -> CompatMode {
        self.session.mode
    }

    /// The options the cluster was built with.
    pub fn options(&self) -> ClusterOptions {
        self.options.clone().unwrap_or_default()
    }

    /// The session log that reproduces this shell.
    pub fn log(&self) -> SessionLog {
        SessionLog {
            version: SESSION_LOG_VERSION,
            seed: self.cluster.seed(),
            scenario: self.scenario.clone(),
            commands: self.commands.clone(),
            end_at: self.cluster.now(),
            options: self.options.clone(),
        }
    }

    /// Injects a fault now and records it in the command log.
    pub fn inject(&mut self, fault: Fault) {
        let at = self.cluster.now();
        self.apply_fault(&fault);
        self.commands.push(Command {
            at,
            text: String::new(),
            fault: Some(fault),
        });
    }

    pub(crate) fn apply_fault(&mut self, fault: &Fault) {
        match fault {
            Fault::ServerActive { index, active } => {
                self.cluster.set_server_active(*index, *active);
            }
            Fault::DestUnreachable { path, on } => self.cluster.set_dest_unreachable(path, *on),
            Fault::DestFull { path, on } => self.cluster.set_dest_full(path, *on),
            Fault::InterruptArchive { tenant_id } => {
                self.cluster.interrupt_archive(*tenant_id);
            }
            Fault::Workload { rate } => self.cluster.set_workload(*rate),
        }
    }

    /// Runs every complete statement (and login line) in `input`; returns what was echoed and
    /// printed, and the trailing incomplete text (not run).
    pub fn run(&mut self, input: &str) -> (Vec<Entry>, String) {
        let at = self.cluster.now();
        let mut entries = Vec::new();
        let mut buffer = String::new();
        let mut ran_any = false;
        for raw in input.split_inclusive('\n') {
            let line = strip_pasted_prompt(raw, &buffer, self.session.mode);
            let bare = line.trim();
            if buffer.trim().is_empty() && is_login_line(bare) {
                entries.push(self.login(bare));
                buffer.clear();
                ran_any = true;
                continue;
            }
            if buffer.trim().is_empty()
                && let Some(cmd) = client_command(bare)
            {
                entries.push(self.client(cmd, bare));
                buffer.clear();
                ran_any = true;
                continue;
            }
            if let Some(kept) = clear_command(&buffer, line, self.session.mode) {
                // `\c` drops the statement being typed, as obclient does; nothing is sent.
                entries.push(Entry {
                    prompt: self.prompt(),
                    input: kept,
                    output: String::new(),
                    is_error: false,
                    hint: None,
                });
                buffer.clear();
                ran_any = true;
                continue;
            }
            buffer.push_str(line);
            let split = obclient::split_statements_in(&buffer, self.session.mode);
            for st in split.statements {
                entries.push(self.statement(&st.text, st.vertical));
                ran_any = true;
            }
            buffer = split.rest;
            if !buffer.is_empty() && !buffer.ends_with('\n') && line.ends_with('\n') {
                buffer.push('\n');
            }
        }
        let rest = buffer.trim();
        if ran_any {
            // The log keeps what ran: the input without its unfinished rest (which stays in the
            // console's input). `strip_suffix` cannot cut inside a character; were the rest ever
            // not the input's tail, keeping the whole input is still right, since a replay
            // leaves an unfinished rest unrun.
            let whole = input.trim_end();
            let ran = whole
                .strip_suffix(rest)
                .map(str::trim_end)
                .filter(|t| !t.is_empty())
                .unwrap_or(whole);
            self.commands.push(Command {
                at,
                text: ran.to_string(),
                fault: None,
            });
        }
        (entries, rest.to_string())
    }

    /// Runs `input` and also the trailing statement that lacks a terminator (as mysql does at
    /// the end of a batch file).
    pub fn run_to_end(&mut self, input: &str) -> Vec<Entry> {
        let (mut entries, rest) = self.run(input);
        if !rest.is_empty() {
            let at = self.cluster.now();
            entries.push(self.statement(&rest, false));
            self.commands.push(Command {
                at,
                text: rest,
                fault: None,
            });
        }
        entries
    }

    fn statement(&mut self, text: &str, vertical: bool) -> Entry {
        let prompt = self.prompt();
        let mode = self.session.mode;
        self.seq += 1;
        let executed = exec::execute(&mut self.cluster, &mut self.session, text, vertical);
        let rows = match &executed.outcome {
            Outcome::Rows { set, .. } => set.rows.len(),
            _ => 0,
        };
        let base = crate::cost::statement_time(executed.work, rows, text, self.seq);
        self.cluster.advance(base);
        let elapsed = base + executed.slept;
        let is_error = matches!(executed.outcome, Outcome::Error(_));
        let hint = match &executed.outcome {
            Outcome::Error(e) => hints::after_error(&self.cluster, self.session.tenant_id, text, e),
            _ => None,
        };
        let terminator = if vertical { "\\G" } else { ";" };
        Entry {
            prompt,
            input: format!("{text}{terminator}"),
            output: obclient::format_outcome(&executed.outcome, elapsed, mode),
            is_error,
            hint,
        }
    }

    /// obclient's own commands (`help`, `status`, `exit`): answered by the client, no server
    /// time passes.
    fn client(&mut self, cmd: ClientCommand, typed: &str) -> Entry {
        let prompt = self.prompt();
        let (output, hint) = match cmd {
            ClientCommand::Help => (obclient::help_text(), None),
            ClientCommand::Status => (
                obclient::status_text(&obclient::StatusInfo {
                    connection_id: self.session.connection_id,
                    database: self.session.database.clone(),
                    user: self.session.user.clone(),
                    server: obclient::server_version_comment(self.cluster.version()),
                }),
                None,
            ),
            ClientCommand::Exit => ("Bye\n".to_string(), Some(Hint::CannotExit)),
        };
        Entry {
            prompt,
            input: typed.to_string(),
            output,
            is_error: false,
            hint,
        }
    }

    /// `connect user@tenant` or `obclient -h... -P... -uuser@tenant[#cluster] -p...`.
    fn login(&mut self, line: &str) -> Entry {
        let prompt = self.prompt();
        let mode = self.session.mode;
        let input = line.trim_end_matches(';').trim().to_string();
        let output = match parse_login(&input) {
            None => obclient::format_outcome(&Outcome::Error(ObError::parse(&input, 1)), 0, mode),
            Some(who) => match self.connect(&who) {
                Ok(()) => obclient::welcome_banner(
                    self.session.connection_id,
                    &obclient::server_version_comment(self.cluster.version()),
                ),
                // The handshake fails before any tenant's mode applies: MySQL-style text.
                Err(e) => format!("{}\n", obclient::error_text(&e, CompatMode::MySql)),
            },
        };
        let is_error = output.starts_with("ERROR") || output.starts_with("ORA-");
        Entry {
            prompt,
            input,
            output,
            is_error,
            hint: None,
        }
    }

    /// A new session as `user@tenant`: session variables are reset (SET ENCRYPTION is
    /// forgotten, as the docs say).
    fn connect(&mut self, who: &str) -> Result<(), ObError> {
        let (user, rest) = who.split_once('@').unwrap_or((who, "sys"));
        let tenant_name = rest.split('#').next().unwrap_or("sys");
        let Some(t) = self
            .cluster
            .tenant_by_name(tenant_name)
            .filter(|t| t.tenant_type != crate::cluster::TenantType::Meta)
            .cloned()
        else {
            return Err(ObError::invalid_tenant_name());
        };
        let valid_user = match t.mode {
            CompatMode::MySql => user.eq_ignore_ascii_case("root"),
            CompatMode::Oracle => user.eq_ignore_ascii_case("sys"),
        };
        if !valid_user {
            return Err(ObError::access_denied_for_user(user));
        }
        let user = match t.mode {
            CompatMode::MySql => user.to_string(),
            CompatMode::Oracle => user.to_ascii_uppercase(),
        };
        let id = FIRST_CONNECTION_ID + self.connections;
        self.connections += 1;
        self.session = Session::new(&user, &t, id);
        Ok(())
    }
}

/// The sys tenant always exists; this only keeps `with_cluster` total without a panic path.
fn unreachable_session() -> Session {
    Session {
        user: "root".into(),
        tenant_id: SYS_TENANT_ID,
        tenant_name: "sys".into(),
        mode: CompatMode::MySql,
        database: Some("oceanbase".into()),
        encryption: None,
        decryption: Vec::new(),
        restore_preview: None,
        restore_source: Vec::new(),
        connection_id: FIRST_CONNECTION_ID,
    }
}

/// obclient's own commands the console answers (mysql.cc's `commands[]`): each runs alone on
/// its line, with or without `;`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientCommand {
    /// `help`, `\h`, `?`, `\?`
    Help,
    /// `status`, `\s`
    Status,
    /// `exit`, `quit`, `\q`
    Exit,
}

/// The client command a line is, if it is one.
pub fn client_command(line: &str) -> Option<ClientCommand> {
    let word = line.trim().trim_end_matches(';').trim_end();
    match word {
        "\\h" | "\\?" | "?" => Some(ClientCommand::Help),
        "\\s" => Some(ClientCommand::Status),
        "\\q" => Some(ClientCommand::Exit),
        w if w.eq_ignore_ascii_case("help") => Some(ClientCommand::Help),
        w if w.eq_ignore_ascii_case("status") => Some(ClientCommand::Status),
        w if w.eq_ignore_ascii_case("exit") || w.eq_ignore_ascii_case("quit") => {
            Some(ClientCommand::Exit)
        }
        _ => None,
    }
}

/// When `line` ends with `\c` outside quotes and comments: the text the user typed (the pending
/// `buffer` and the line, prompt and `\c` included), which obclient drops without sending.
fn clear_command(buffer: &str, line: &str, mode: CompatMode) -> Option<String> {
    let body = line.trim_end().strip_suffix("\\c")?;
    let pending = format!("{buffer}{body}");
    // Inside a quote or comment `\c` is data; a terminator before it ran its statement already.
    let split = obclient::split_statements_in(&pending, mode);
    if !split.statements.is_empty() || obclient::continuation_prompt(&split.rest, mode) != "    -> "
    {
        return None;
    }
    Some(format!("{buffer}{}", line.trim_end()).trim().to_string())
}

/// A line pasted from a doc with its prompt: `obclient [(none)]> `, `obclient> `,
/// `obclient(root@sys)[oceanbase]> `, `mysql> `, `MySQL [db]> `, `MariaDB [db]> ` are taken off
/// the start of a line that begins a statement, and `-> ` off a continuation line. Text inside
/// an open quote is left alone.
pub fn strip_pasted_prompt<'a>(line: &'a str, buffer: &str, mode: CompatMode) -> &'a str {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let after = if buffer.trim().is_empty() {
        prompt_end(rest)
    } else {
        rest.strip_prefix("->").map(|r| rest.len() - r.len())
    };
    // Only a line that starts like a prompt asks whether the pending text is inside a quote
    // (which means splitting it): a pasted bulk INSERT of 60,000 lines stays linear.
    match after {
        Some(n) if obclient::continuation_prompt(buffer, mode) == "    -> " => {
            let r = &rest[n..];
            r.strip_prefix(' ').unwrap_or(r)
        }
        _ => line,
    }
}

/// The length of a client prompt at the start of `text` (through its `>`), if there is one.
fn prompt_end(text: &str) -> Option<usize> {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let name = ["obclient", "mysql", "mariadb"]
        .into_iter()
        .find(|n| lower.starts_with(n))?;
    let mut i = name.len();
    let bytes = text.as_bytes();
    // `(user@tenant)` and `[db]`, with optional spaces between, then `>`.
    loop {
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => return Some(i + 1),
            Some(&open @ (b'(' | b'[')) => {
                let close = if open == b'(' { ')' } else { ']' };
                i += text.get(i..)?.find(close)? + 1;
            }
            _ => return None,
        }
    }
}

/// Whether Enter runs `text` (rather than adding a line): a complete statement, a login line, a
/// client command, or a line ending with `\c`.
pub fn runs_on_enter(text: &str, mode: CompatMode) -> bool {
    let mut buffer = String::new();
    for raw in text.split_inclusive('\n') {
        let line = strip_pasted_prompt(raw, &buffer, mode);
        let bare = line.trim();
        if buffer.trim().is_empty() && (is_login_line(bare) || client_command(bare).is_some()) {
            return true;
        }
        if clear_command(&buffer, line, mode).is_some() {
            return true;
        }
        buffer.push_str(line);
    }
    obclient::is_complete_in(&buffer, mode)
}

/// A client-side login line (`connect user@tenant`, `obclient -u...`): runs on Enter without `;`.
pub fn is_login_line(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.starts_with("connect ") || lower.starts_with("obclient ") || lower == "obclient"
}

/// `connect root@mysql_tenant` → `root@mysql_tenant`; the obclient command line → its `-u`.
fn parse_login(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    let first = words.next()?.to_ascii_lowercase();
    if first == "connect" {
        let who = words.next()?;
        return words.next().is_none().then(|| who.to_string());
    }
    // obclient -h127.0.0.1 -P2881 -uroot@mysql_tenant -p[pwd] [-D db] [-A] [-c]
    let mut user = None;
    let mut args = words.peekable();
    while let Some(a) = args.next() {
        if let Some(u) = a.strip_prefix("-u") {
            user = Some(if u.is_empty() {
                args.next()?.to_string()
            } else {
                u.to_string()
            });
        } else if a == "-h" || a == "-P" || a == "-D" {
            args.next()?;
        } else if !(a.starts_with("-h")
            || a.starts_with("-P")
            || a.starts_with("-p")
            || a.starts_with("-D")
            || a == "-A"
            || a == "-c")
        {
            return None;
        }
    }
    user.map(|u| u.trim_matches(|c| c == '\'' || c == '"').to_string())
}

/// Options a script may set in its leading comment lines, e.g. `-- obsim: workload=0
/// blocks=100000` (the background workload's writes per second per tenant; macroblocks per user
/// tenant). Unknown options are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScriptOptions {
    pub workload_rate: Option<u32>,
    pub macro_blocks: Option<u32>,
}

pub fn script_options(script: &str) -> ScriptOptions {
    let mut opts = ScriptOptions {
        workload_rate: None,
        macro_blocks: None,
    };
    for line in script
        .lines()
        .take_while(|l| l.trim_start().starts_with("--") || l.trim().is_empty())
    {
        if let Some(rest) = line
            .trim_start()
            .trim_start_matches('-')
            .trim()
            .strip_prefix("obsim:")
        {
            for kv in rest.split_whitespace() {
                // Numbers too large for u32 become u32::MAX, which the limits refuse.
                let number = |v: &str| {
                    v.parse::<u64>()
                        .ok()
                        .map(|n| n.min(u64::from(u32::MAX)) as u32)
                };
                if let Some(v) = kv.strip_prefix("workload=") {
                    opts.workload_rate = number(v);
                }
                if let Some(v) = kv.strip_prefix("blocks=") {
                    opts.macro_blocks = number(v);
                }
            }
        }
    }
    opts
}

impl Shell {
    /// A shell for a script: the seed, and the script's own options applied; options outside
    /// the limits are an error saying which.
    pub fn for_script(seed: u64, script: &str) -> Result<Shell, String> {
        let mut options = ClusterOptions::default();
        let script = script_options(script);
        if let Some(rate) = script.workload_rate {
            options.workload_rate = rate;
        }
        if let Some(blocks) = script.macro_blocks {
            options.macro_blocks_per_tenant = blocks;
        }
        crate::limits::check_options(&options)?;
        Ok(Shell::with_options(seed, options))
    }
}

/// Splits a script into the steps a user runs one at a time: each login line, and each
/// statement with its terminator (comments dropped); a trailing statement without a terminator
/// is a step too, with `;` added. Splits as in MySQL mode (backslash escapes inside quotes).
pub fn script_steps(script: &str) -> Vec<String> {
    let mut steps = Vec::new();
    let mut buffer = String::new();
    for line in script.split_inclusive('\n') {
        if buffer.trim().is_empty() && is_login_line(line.trim()) {
            steps.push(line.trim().trim_end_matches(';').trim_end().to_string());
            buffer.clear();
            continue;
        }
        buffer.push_str(line);
        let split = obclient::split_statements(&buffer);
        for st in split.statements {
            let terminator = if st.vertical { "\\G" } else { ";" };
            steps.push(format!("{}{terminator}", st.text));
        }
        buffer = split.rest;
        if !buffer.is_empty() && !buffer.ends_with('\n') && line.ends_with('\n') {
            buffer.push('\n');
        }
    }
    let rest = buffer.trim();
    if !rest.is_empty() {
        steps.push(format!("{rest};"));
    }
    steps
}

/// Renders entries as one transcript.
pub fn transcript(entries: &[Entry], mode: CompatMode) -> String {
    entries.iter().map(|e| e.render(mode)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obclient_commands_answer_as_obclient_does() {
        let mut sh = Shell::new(1);
        for help in ["help", "help;", "\\h", "?", "HELP"] {
            let (e, rest) = sh.run(&format!("{help}\n"));
            assert!(rest.is_empty());
            assert!(
                e[0].output.contains("List of all client commands:")
                    && e[0]
                        .output
                        .contains("status    (\\s) Get status information from the server."),
                "{help}: {}",
                e[0].output
            );
        }
        let (e, _) = sh.run("status\n");
        assert!(
            e[0].output.contains("Connection id:\t\t3221487616"),
            "{}",
            e[0].output
        );
        assert!(e[0].output.contains("Current database:\toceanbase"));
        let (e, _) = sh.run("exit\n");
        assert_eq!(e[0].output, "Bye\n");
        assert_eq!(e[0].hint, Some(Hint::CannotExit));
        // `\c` drops what was typed; nothing runs.
        let (e, rest) = sh.run("SELECT 1\nFROM DUAL \\c\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].input, "SELECT 1\nFROM DUAL \\c");
        assert_eq!(e[0].output, "");
        assert!(rest.is_empty());
        // Inside a quote it is data.
        let (e, rest) = sh.run("SELECT 'a\\c\n");
        assert!(e.is_empty());
        assert_eq!(rest, "SELECT 'a\\c");
        // None of it takes server time; the log replays it.
        let (_, again) = crate::replay::replay(&sh.log()).unwrap();
        assert_eq!(again.len(), 8);
        assert!(runs_on_enter("help", CompatMode::MySql));
        assert!(runs_on_enter("SELECT 1 \\c", CompatMode::MySql));
        assert!(!runs_on_enter("SELECT 1", CompatMode::MySql));
    }

    #[test]
    fn prompts_pasted_from_docs_are_taken_off() {
        let mut sh = Shell::new(1);
        let (e, _) = sh.run(
            "obclient [(none)]> SELECT 1;\nobclient> SELECT 2;\nmysql> SELECT 3;\n\
             obclient(root@sys)[oceanbase]> SELECT\n    -> 4;\nMySQL [oceanbase]>SELECT 5;\n",
        );
        let inputs: Vec<&str> = e.iter().map(|e| e.input.as_str()).collect();
        assert_eq!(
            inputs,
            [
                "SELECT 1;",
                "SELECT 2;",
                "SELECT 3;",
                "SELECT\n4;",
                "SELECT 5;"
            ]
        );
        assert!(e.iter().all(|e| !e.is_error), "{e:?}");
        // A login line and quoted text are left alone.
        assert_eq!(
            strip_pasted_prompt("obclient -h127.0.0.1 -uroot@sys", "", CompatMode::MySql),
            "obclient -h127.0.0.1 -uroot@sys"
        );
        assert_eq!(
            strip_pasted_prompt("mysql> x", "SELECT 'open\n", CompatMode::MySql),
            "mysql> x"
        );
        assert!(runs_on_enter(
            "obclient [(none)]> ALTER SYSTEM ARCHIVELOG;",
            CompatMode::MySql
        ));
    }

    #[test]
    fn login_lines_parse_both_forms() {
        assert_eq!(
            parse_login("connect root@mysql_tenant").as_deref(),
            Some("root@mysql_tenant")
        );
        assert_eq!(
            parse_login("obclient -h127.0.0.1 -P2881 -uroot@mysql_tenant -p").as_deref(),
            Some("root@mysql_tenant")
        );
        assert_eq!(
            parse_login("obclient -h 127.0.0.1 -P 2881 -u SYS@oracle_tenant -p***** -A").as_deref(),
            Some("SYS@oracle_tenant")
        );
        assert_eq!(parse_login("obclient -x"), None);
        assert_eq!(parse_login("connect"), None);
    }

    #[test]
    fn connect_switches_tenant_prompt_and_forgets_session_encryption() {
        let mut sh = Shell::new(1);
        assert_eq!(sh.prompt(), "obclient(root@sys)[oceanbase]> ");
        sh.run("SET ENCRYPTION ON IDENTIFIED BY 'x' ONLY;\n");
        assert!(sh.session.encryption.is_some());
        let (e, _) = sh.run("connect root@mysql_tenant\n");
        assert!(
            e[0].output.starts_with("Welcome to the OceanBase."),
            "{}",
            e[0].output
        );
        assert_eq!(sh.prompt(), "obclient(root@mysql_tenant)[oceanbase]> ");
        assert!(sh.session.encryption.is_none());
        sh.run("obclient -h127.0.0.1 -P2881 -uSYS@oracle_tenant -p\n");
        assert_eq!(sh.prompt(), "obclient(SYS@oracle_tenant)[SYS]> ");
        let (e, _) = sh.run("connect root@nosuch;\n");
        assert_eq!(
            e[0].output,
            "ERROR 5160 (HY000): invalid tenant name specified in connection string\n"
        );
        assert_eq!(sh.prompt(), "obclient(SYS@oracle_tenant)[SYS]> ");
    }

    #[test]
    fn multi_statement_input_runs_each_and_keeps_the_incomplete_rest() {
        let mut sh = Shell::new(1);
        let (e, rest) = sh.run("SELECT 1; SELECT 2\\G\nSELECT\n3");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].input, "SELECT 1;");
        assert_eq!(e[1].input, "SELECT 2\\G");
        assert!(
            e[1].output
                .starts_with("*************************** 1. row")
        );
        assert_eq!(rest, "SELECT\n3");
    }

    #[test]
    fn non_ascii_after_a_statement_never_cuts_a_character() {
        for input in [
            "SELECT 1;é",
            "SELECT 1;\né",
            "SELECT 'é';  é ",
            "connect root@mysql_tenant\nSELECT 1;中文",
            "obclient -h127.0.0.1 -P2881 -uroot@sys -p\nSELECT 1; SELECT '日本';語",
            "SELECT 1; /* é */ SELECT",
        ] {
            let mut sh = Shell::new(1);
            let (entries, rest) = sh.run(input);
            assert!(!entries.is_empty(), "{input}");
            let logged = &sh.commands[0].text;
            assert!(
                input.starts_with(logged.as_str()),
                "{input:?} logged {logged:?}"
            );
            assert!(
                !logged.ends_with(rest.as_str()) || rest.is_empty(),
                "{input:?}"
            );
            // The log replays to the same transcript.
            let (_, again) = crate::replay::replay(&sh.log()).unwrap();
            assert_eq!(again, entries, "{input:?}");
        }
    }

    #[test]
    fn simulated_time_stops_at_the_session_limit_and_the_session_still_replays() {
        let mut sh = Shell::new(5);
        let mut all = Vec::new();
        for _ in 0..(crate::limits::MAX_SPAN_DAYS + 3) {
            all.extend(sh.run("SELECT SLEEP(86400);\n").0);
        }
        assert_eq!(sh.cluster.now(), crate::limits::horizon());
        assert!(sh.cluster.at_time_limit());
        // The statement past the limit says how long it really took: no time passed.
        let last = &all.last().unwrap().output;
        assert!(last.contains("1 row in set (0.0"), "{last}");
        let (again, entries) = crate::replay::replay(&sh.log()).unwrap();
        assert_eq!(entries, all);
        assert_eq!(again.cluster.state_hash(), sh.cluster.state_hash());
    }

    #[test]
    fn scripts_split_into_login_lines_and_statements() {
        let steps = script_steps(
            "connect root@mysql_tenant\nALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d'; SELECT 1\\G\n\
             -- a comment\nSELECT 'a;b',\n  2;\nSELECT 3",
        );
        assert_eq!(
            steps,
            [
                "connect root@mysql_tenant",
                "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d';",
                "SELECT 1\\G",
                "SELECT 'a;b',\n  2;",
                "SELECT 3;",
            ]
        );
        assert!(script_steps("  \n-- only a comment\n").is_empty());
        // Each step runs on its own and prints one entry.
        let mut sh = Shell::new(1);
        for step in &steps {
            assert_eq!(sh.run(&format!("{step}\n")).0.len(), 1, "{step}");
        }
    }

    #[test]
    fn replaying_the_log_gives_the_same_transcript_and_state() {
        let mut sh = Shell::new(9);
        let mut all = Vec::new();
        for cmd in [
            "connect root@mysql_tenant",
            "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///a';",
            "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d';",
            "ALTER SYSTEM ARCHIVELOG;",
            "SELECT SLEEP(20);",
            "ALTER SYSTEM BACKUP DATABASE;",
        ] {
            all.extend(sh.run(&format!("{cmd}\n")).0);
        }
        sh.cluster.advance(30_000_000);
        all.extend(sh.run("SELECT JOB_ID, STATUS FROM DBA_OB_BACKUP_JOBS;\n").0);
        let (again, entries) = crate::replay::replay(&sh.log()).unwrap();
        assert_eq!(
            transcript(&entries, CompatMode::MySql),
            transcript(&all, CompatMode::MySql)
        );
        assert_eq!(again.cluster.state_hash(), sh.cluster.state_hash());
    }

    #[test]
    fn cluster_options_are_logged_and_replayed() {
        let mut sh =
            Shell::for_script(3, "-- obsim: workload=0 blocks=100000\nSELECT 1;\n").unwrap();
        sh.run("SELECT SLEEP(3);\n");
        assert_eq!(sh.cluster.storage[&1002].block_count(), 100_000);
        let log = sh.log();
        assert_eq!(
            log.options,
            Some(ClusterOptions {
                macro_blocks_per_tenant: 100_000,
                workload_rate: 0
            })
        );
        let (again, _) = crate::replay::replay(&log).unwrap();
        assert_eq!(again.cluster.storage[&1002].block_count(), 100_000);
        // A share link carries them too.
        let shared = crate::share::decode(&crate::share::encode(&log).unwrap()).unwrap();
        assert_eq!(shared, log);
        assert_eq!(again.cluster.state_hash(), sh.cluster.state_hash());
        // Defaults are not logged; a script asking for more than the limits is refused.
        assert_eq!(Shell::new(3).log().options, None);
        let big = ClusterOptions {
            macro_blocks_per_tenant: u32::MAX,
            workload_rate: u32::MAX,
        };
        assert_eq!(
            crate::limits::clamp_options(big.clone()).macro_blocks_per_tenant,
            1_000_000
        );
        assert_eq!(crate::limits::clamp_options(big).workload_rate, 10_000);
        let err = Shell::for_script(3, "-- obsim: workload=4000000000\nSELECT 1;").err();
        assert!(
            err.unwrap_or_default()
                .contains("4000000000 writes a second")
        );
        // A link written before options existed still reads, without them.
        let plain = crate::share::encode(&Shell::new(3).log()).unwrap();
        assert_eq!(crate::share::decode(&plain).unwrap().options, None);
    }
}
