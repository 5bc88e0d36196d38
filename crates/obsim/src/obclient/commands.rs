//! What obclient's own commands print (`com_help`, `com_status` in `obclient:client/mysql.cc`):
//! answered by the client, never sent to the server.
//!
//! Invariant: fixed text from the command table and the connection's names; nothing decides.

/// The client commands of obclient's `commands[]` table that `help` lists, with their
/// one-letter forms and descriptions as obclient prints them.
const COMMANDS: [(&str, char, &str); 24] = [
    ("?", '?', "Synonym for `help'."),
    ("clear", 'c', "Clear the current input statement."),
    (
        "connect",
        'r',
        "Reconnect to the server. Optional arguments are db and host.",
    ),
    ("delimiter", 'd', "Set statement delimiter."),
    ("edit", 'e', "Edit command with $EDITOR."),
    (
        "ego",
        'G',
        "Send command to OceanBase server, display result vertically.",
    ),
    ("exit", 'q', "Exit mysql. Same as quit."),
    ("go", 'g', "Send command to OceanBase server."),
    ("help", 'h', "Display this help."),
    ("nopager", 'n', "Disable pager, print to stdout."),
    ("notee", 't', "Don't write into outfile."),
    (
        "pager",
        'P',
        "Set PAGER [to_pager]. Print the query results via PAGER.",
    ),
    ("print", 'p', "Print current command."),
    ("prompt", 'R', "Change your mysql prompt."),
    ("quit", 'q', "Quit mysql."),
    ("rehash", '#', "Rebuild completion hash."),
    (
        "source",
        '.',
        "Execute an SQL script file. Takes a file name as an argument.",
    ),
    ("status", 's', "Get status information from the server."),
    ("system", '!', "Execute a system shell command."),
    (
        "tee",
        'T',
        "Set outfile [to_outfile]. Append everything into given outfile.",
    ),
    (
        "use",
        'u',
        "Use another database. Takes database name as argument.",
    ),
    (
        "charset",
        'C',
        "Switch to another charset. Might be needed for processing binlog with multi-byte charsets.",
    ),
    ("warnings", 'W', "Show warnings after every statement."),
    (
        "nowarning",
        'w',
        "Don't show warnings after every statement.",
    ),
];

/// `help` / `\h` / `?`: the list of client commands (`com_help`).
pub fn help_text() -> String {
    let mut out = String::from(
        "\nList of all client commands:\n\
         Note that all text commands must be first on line and end with ';'\n",
    );
    for (name, ch, doc) in COMMANDS.iter() {
        out.push_str(&format!("{name:<10}(\\{ch}) {doc}\n"));
    }
    out.push_str("\nFor server side help, type 'help contents'\n\n");
    out
}

/// What `status` reports about the connection.
pub struct StatusInfo {
    pub connection_id: u64,
    pub database: Option<String>,
    pub user: String,
    /// The server's `@@version_comment`.
    pub server: String,
}

/// `status` / `\s` (`com_status`): the connection as the client sees it.
pub fn status_text(info: &StatusInfo) -> String {
    format!(
        "--------------\n\
         obclient  Ver 2.2.7 Distrib 10.4.18-MariaDB, for Linux (x86_64) using readline 5.1\n\
         \n\
         Connection id:\t\t{}\n\
         Current database:\t{}\n\
         Current user:\t\t{}@127.0.0.1\n\
         SSL:\t\t\tNot in use\n\
         Current pager:\t\tstdout\n\
         Using outfile:\t\t''\n\
         Using delimiter:\t;\n\
         Server:\t\t\t{}\n\
         Protocol version:\t10\n\
         Connection:\t\t127.0.0.1 via TCP/IP\n\
         Server characterset:\tutf8mb4\n\
         Db     characterset:\tutf8mb4\n\
         Client characterset:\tutf8mb4\n\
         Conn.  characterset:\tutf8mb4\n\
         TCP port:\t\t2881\n\
         --------------\n\
         \n",
        info.connection_id,
        info.database.as_deref().unwrap_or(""),
        info.user,
        info.server,
    )
}
