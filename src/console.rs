//! The obclient console: the same transcript as `obsim` (prompt, echo, output) in an accessible
//! log region, and a labelled textarea with multi-line input, history, completion and syntax
//! highlighting. Every string the user typed is rendered as text, never as HTML.
//!
//! Costs stay bounded whatever the session's size: the transcript shows the latest
//! [`WINDOW`] entries ("Show earlier" pages back; Copy and Download give the whole transcript),
//! an update touches only that window, highlighting stops past [`HIGHLIGHT_MAX`] characters,
//! Tab completion looks at [`COMPLETE_WINDOW`] bytes before the caret, and the session's size
//! for `limits::check_addition` is counted incrementally.

use crate::engine::{Engine, use_engine};
use leptos::html::Textarea;
use leptos::prelude::*;
use obsim::assist::{complete, highlight};
use obsim::obclient;
use obsim::session_log::Command;
use obsim::shell::{Entry, runs_on_enter};
use wasm_bindgen::JsCast;

/// Transcript entries shown at once (and added by each "Show earlier").
pub const WINDOW: usize = 200;
/// Inputs longer than this (in bytes) are shown without highlighting.
pub const HIGHLIGHT_MAX: usize = 20_000;
/// Bytes before the caret that Tab completion looks at.
pub const COMPLETE_WINDOW: usize = 512;

/// The console's texts, in one place.
mod text {
    use obsim::hints::Hint;
    pub fn show_earlier(hidden: usize) -> String {
        format!("Show earlier ({hidden} more)")
    }
    pub const COPY_ALL: &str = "Copy transcript";
    pub const DOWNLOAD_TXT: &str = "Download .txt";
    pub const DOWNLOAD_SQL: &str = "Download .sql";
    pub const CLEAR: &str = "Clear";
    pub const HELP: &str = "Enter runs (; or \\G ends a statement) · Shift+Enter new line · ↑↓ history · Tab completes · Esc leaves · ? all keys";
    pub const RECALL: &str = "Put this statement back in the input";
    pub const COPY_ONE: &str = "Copy this result";
    pub const NOT_RUN: &str = "Not run:";
    pub const TRANSCRIPT: &str = "Console output. Up and Down move between entries, Enter puts the statement back in the input, C copies its result.";
    pub fn setup(n: usize, scenario: &str) -> String {
        let s = if n == 1 { "" } else { "s" };
        format!("Setup of “{scenario}”: {n} statement{s} (show)")
    }
    pub const SETUP_HIDE: &str = "Hide the setup";
    /// The dim line under a statement's output.
    pub fn hint(h: &Hint) -> String {
        match h {
            Hint::ArchivePending { tenants } => format!(
                "Not yet: the archive round of {} is still starting; it is DOING a few simulated seconds after ALTER SYSTEM ARCHIVELOG. Let time run (Play, or Space) or type SELECT SLEEP(5); then run the backup again.",
                tenants.join(" and ")
            ),
            Hint::ArchiveOff { tenants } => format!(
                "Log archiving is off for {}: a data backup needs ALTER SYSTEM ARCHIVELOG first, then its archive round DOING.",
                tenants.join(" and ")
            ),
            Hint::AcceptedForm { statement } => format!(
                "OceanBase takes the clauses of BACKUP in one order; this form is accepted: {statement}"
            ),
            Hint::CannotExit => "obclient would end here. This page keeps the console open and you stay connected; to start over, pick a scenario and press Start.".into(),
        }
    }
    pub const WELCOME_TITLE: &str = "Welcome to obplay";
    pub const WELCOME: &str = "A simulated OceanBase 4.3 cluster runs in this page: sys, mysql_tenant and oracle_tenant. Type the statements of the backup docs here; the dashboards and the macroblocks show what they do. Nothing leaves your browser.";
    pub const TRY: &str =
        "Three things to try first (click one to put it in the input, then press Enter):";
    pub const EXAMPLES: [(&str, &str); 3] = [
        (
            "See the tenants",
            "SELECT TENANT_ID, TENANT_NAME, TENANT_TYPE FROM DBA_OB_TENANTS;",
        ),
        (
            "Give mysql_tenant a backup destination",
            "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/mysql/data' TENANT = mysql_tenant;",
        ),
        ("List obclient's own commands", "help"),
    ];
    pub const TAKE_TOUR: &str = "Take a tour";
    pub const TOUR_WHY: &str = "A guided full backup, step by step (T).";
    pub const DISMISS: &str = "Dismiss";
}

/// The localStorage key that remembers the welcome was dismissed.
const WELCOME_KEY: &str = "obplay.welcomed";

fn welcome_dismissed() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(WELCOME_KEY).ok().flatten())
        .is_some()
}

fn dismiss_welcome() {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(WELCOME_KEY, "1");
    }
}

/// Whether an output is a result set (keeps its shape, scrolls sideways) rather than text that
/// wraps like a terminal's.
fn is_table(output: &str) -> bool {
    output.starts_with('+') || output.starts_with("***")
}

/// Console state shared with the page (persistence, dashboards' actions).
#[derive(Clone, Copy)]
pub struct ConsoleState {
    /// Every entry since the session began (replayed on reload).
    pub lines: RwSignal<Vec<Entry>>,
    /// How many leading entries Ctrl+L hid.
    pub cleared: RwSignal<usize>,
    pub input: RwSignal<String>,
    pub history: RwSignal<Vec<String>>,
    /// Position while browsing history with Up/Down (None: editing the draft).
    hist_pos: RwSignal<Option<usize>>,
    draft: RwSignal<String>,
    completions: RwSignal<Vec<String>>,
    /// Why the last statement was not run (a session limit), shown under the input.
    pub refused: RwSignal<Option<String>>,
    /// How many of the latest entries are shown.
    shown: RwSignal<usize>,
    /// Bumped when the whole transcript is replaced (new keys for every entry).
    epoch: RwSignal<u64>,
    /// Statements counted so far and their bytes (for `check_addition`).
    size: StoredValue<(usize, usize)>,
}

impl ConsoleState {
    pub fn new(lines: Vec<Entry>, cleared: usize, history: Vec<String>) -> ConsoleState {
        ConsoleState {
            lines: RwSignal::new(lines),
            cleared: RwSignal::new(cleared),
            input: RwSignal::new(String::new()),
            history: RwSignal::new(history),
            hist_pos: RwSignal::new(None),
            draft: RwSignal::new(String::new()),
            completions: RwSignal::new(Vec::new()),
            refused: RwSignal::new(None),
            shown: RwSignal::new(WINDOW),
            epoch: RwSignal::new(0),
            size: StoredValue::new((0, 0)),
        }
    }

    /// A new session's transcript and history: every entry replaced, the input emptied.
    pub fn reset(&self, lines: Vec<Entry>, cleared: usize, history: Vec<String>) {
        self.epoch.update(|e| *e += 1);
        self.lines.set(lines);
        self.cleared.set(cleared);
        self.history.set(history);
        self.input.set(String::new());
        self.hist_pos.set(None);
        self.completions.set(Vec::new());
        self.refused.set(None);
        self.shown.set(WINDOW);
        self.size.set_value((0, 0));
    }

    /// Statements in the session and their bytes, counting only what was added since the last
    /// call.
    fn session_size(&self, commands: &[Command]) -> (usize, usize) {
        let (counted, bytes) = self.size.get_value();
        let (from, bytes) = if counted <= commands.len() {
            (counted, bytes)
        } else {
            (0, 0)
        };
        let more: usize = commands
            .get(from..)
            .unwrap_or_default()
            .iter()
            .map(|c| c.text.len())
            .sum();
        let size = (commands.len(), bytes + more);
        self.size.set_value(size);
        size
    }

    /// Runs `text` (complete statements and login lines); what is left incomplete stays in the
    /// input.
    pub fn submit(&self, engine: Engine, text: String) {
        if text.trim().is_empty() {
            return;
        }
        // A statement that would take the session past its limits is not run; it stays in
        // the input.
        let fits = engine.shell.with_value(|sh| {
            let (count, bytes) = self.session_size(&sh.commands);
            obsim::limits::check_addition(count, bytes, text.trim().len())
        });
        if let Err(why) = fits {
            self.refused.set(Some(why));
            return;
        }
        if self.refused.with_untracked(Option::is_some) {
            self.refused.set(None);
        }
        let Some((entries, rest)) = engine.write(|sh| sh.run(&format!("{text}\n"))) else {
            return;
        };
        self.lines.update(|l| l.extend(entries));
        self.input.set(rest);
        let typed = text.trim().to_string();
        self.history.update(|h| {
            if h.last() != Some(&typed) {
                h.push(typed);
            }
            let excess = h.len().saturating_sub(500);
            h.drain(..excess);
        });
        self.hist_pos.set(None);
        self.completions.set(Vec::new());
    }

    /// The visible transcript as plain text (what "Copy" and "Download .txt" give).
    pub fn transcript_text(&self, engine: Engine) -> String {
        let mode = engine.shell.with_value(|sh| sh.mode());
        let skip = self.cleared.get_untracked();
        self.lines
            .with_untracked(|l| l.iter().skip(skip).map(|e| e.render(mode)).collect())
    }
}

/// UTF-16 offset (what the DOM's selection API uses) → byte offset in `s`.
fn byte_offset(s: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in s.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    s.len()
}

fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

/// Copies text to the clipboard (best effort: the browser may refuse without a user gesture).
pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers `text` as a file download.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(doc) = web_sys::window().and_then(|w| w.document())
        && let Ok(a) = doc.create_element("a")
        && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
pub fn Console(
    state: ConsoleState,
    /// No input: the transcript only (embeds' `readonly=1`; script steps still run).
    #[prop(optional)]
    readonly: bool,
    /// Show a scenario's setup as one line that expands (embeds).
    #[prop(optional)]
    collapse_setup: bool,
    /// Offer the first-visit welcome (the full app), with its "Take a tour" button.
    #[prop(optional_no_strip)]
    on_tour: Option<Callback<()>>,
) -> impl IntoView {
    let engine = use_engine();
    let textarea: NodeRef<Textarea> = NodeRef::new();
    let transcript: NodeRef<leptos::html::Div> = NodeRef::new();
    // Keep the newest output in view, as a terminal does (after the DOM has been updated).
    Effect::new(move |_| {
        state.lines.track();
        state.cleared.track();
        request_animation_frame(move || {
            if let Some(t) = transcript.get_untracked() {
                t.set_scroll_top(t.scroll_height());
            }
        });
    });
    let prompt = move || engine.read(|sh| sh.prompt());
    let prelude = move || engine.read(|sh| sh.prelude_len());
    let setup_open = RwSignal::new(!collapse_setup);
    // Entries hidden before the window: those Ctrl+L cleared, and a collapsed setup.
    let skipped = move || {
        let cleared = state.cleared.get();
        if setup_open.get() {
            cleared
        } else {
            cleared.max(prelude())
        }
    };
    // The entries shown: the latest `shown` after those skipped.
    let window = move || {
        let skip = skipped();
        let n = state.lines.with(Vec::len);
        (n.saturating_sub(state.shown.get()).max(skip).min(n), n)
    };
    let hidden_count = move || window().0.saturating_sub(skipped());
    let setup_count = move || {
        let n = prelude().min(state.lines.with(Vec::len));
        n.saturating_sub(state.cleared.get())
    };
    let scenario_title = move || {
        engine.read(|sh| {
            obsim::scenario::find(sh.scenario())
                .map(|s| s.title)
                .unwrap_or_default()
        })
    };
    let mode = move || engine.read(|sh| sh.mode());

    let focus_input = move || {
        if let Some(t) = textarea.get() {
            let _ = t.focus();
        }
    };

    let recall = move |text: String| {
        // Entries echo the terminator: the statement comes back as it ran, ready for Enter.
        state.input.set(text);
        focus_input();
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        // Only these keys read the input (a copy of it, which may be megabytes).
        if !matches!(
            key.as_str(),
            "Enter" | "ArrowUp" | "ArrowDown" | "l" | "L" | "c" | "C" | "Tab" | "Escape"
        ) {
            return;
        }
        if key == "Escape" {
            // Esc leaves the input for the transcript (one tab stop), as a dialog's Esc would.
            ev.prevent_default();
            state.completions.set(Vec::new());
            if let Some(t) = transcript.get_untracked() {
                let _ = t.focus();
            }
            return;
        }
        let Some(ta) = textarea.get() else { return };
        let value = ta.value();
        let start = byte_offset(&value, ta.selection_start().ok().flatten().unwrap_or(0));
        let end = byte_offset(&value, ta.selection_end().ok().flatten().unwrap_or(0));
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match key.as_str() {
            "Enter" if !ev.shift_key() => {
                let m = engine.shell.with_value(|sh| sh.mode());
                if value.trim().is_empty() {
                    ev.prevent_default();
                } else if runs_on_enter(&value, m) {
                    ev.prevent_default();
                    state.submit(engine, value);
                }
                // Otherwise the statement is not finished: Enter adds a line.
            }
            "ArrowUp" if !value[..start].contains('\n') && !ctrl => {
                let h = state.history.get_untracked();
                if h.is_empty() {
                    return;
                }
                ev.prevent_default();
                let pos = match state.hist_pos.get_untracked() {
                    None => {
                        state.draft.set(value);
                        h.len() - 1
                    }
                    Some(p) => p.saturating_sub(1),
                };
                state.hist_pos.set(Some(pos));
                state.input.set(h[pos].clone());
            }
            "ArrowDown" if !value[end..].contains('\n') && !ctrl => {
                let Some(pos) = state.hist_pos.get_untracked() else {
                    return;
                };
                ev.prevent_default();
                let h = state.history.get_untracked();
                if pos + 1 < h.len() {
                    state.hist_pos.set(Some(pos + 1));
                    state.input.set(h[pos + 1].clone());
                } else {
                    state.hist_pos.set(None);
                    state.input.set(state.draft.get_untracked());
                }
            }
            "l" | "L" if ctrl => {
                ev.prevent_default();
                state.cleared.set(state.lines.with_untracked(Vec::len));
            }
            "c" | "C" if ctrl && start == end => {
                ev.prevent_default();
                state.input.set(String::new());
                state.hist_pos.set(None);
                state.completions.set(Vec::new());
            }
            "Tab" if !ev.shift_key() && !ctrl && start == end => {
                // Only a window before the caret: the word being completed is in it.
                let mut window = start.saturating_sub(COMPLETE_WINDOW);
                while !value.is_char_boundary(window) {
                    window += 1;
                }
                let mut c = engine.shell.with_value(|sh| {
                    complete(&value[window..], start - window, &sh.cluster, &sh.session)
                });
                c.from += window;
                // Nothing typed to complete, or nothing fits: Tab moves focus, as everywhere.
                if c.from >= start {
                    return;
                }
                let insert = match c.candidates.as_slice() {
                    [] => return,
                    [only] => format!("{only} "),
                    _ => c.common.clone(),
                };
                ev.prevent_default();
                state.completions.set(if c.candidates.len() > 1 {
                    c.candidates.clone()
                } else {
                    Vec::new()
                });
                let new_value = format!("{}{}{}", &value[..c.from], insert, &value[start..]);
                let caret = utf16_len(&value[..c.from]) + utf16_len(&insert);
                ta.set_value(&new_value);
                let _ = ta.set_selection_range(caret, caret);
                state.input.set(new_value);
            }
            _ => {}
        }
    };

    // The transcript is one tab stop; inside it Up/Down move between entries, Home/End to the
    // first/last, Enter recalls the focused entry's statement and C copies its result.
    let on_transcript_key = move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let Some(t) = transcript.get_untracked() else {
            return;
        };
        let Ok(list) = t.query_selector_all(".entry") else {
            return;
        };
        let n = list.length();
        let entry = |i: u32| {
            list.item(i)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        };
        let active = document().active_element();
        let current = (0..n).find(|&i| {
            active
                .as_ref()
                .zip(list.item(i))
                .is_some_and(|(a, e)| e.is_same_node(Some(a)))
        });
        let press = |sel: &str| {
            if let Some(b) = current
                .and_then(entry)
                .and_then(|e| e.query_selector(sel).ok().flatten())
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                b.click();
            }
        };
        let target = match ev.key().as_str() {
            "ArrowDown" => Some(current.map_or(0, |i| (i + 1).min(n.saturating_sub(1)))),
            "ArrowUp" => Some(current.map_or(n.saturating_sub(1), |i| i.saturating_sub(1))),
            "Home" => Some(0),
            "End" => Some(n.saturating_sub(1)),
            "Enter" if current.is_some() => {
                ev.prevent_default();
                press(".recall");
                None
            }
            "c" | "C" if current.is_some() => {
                ev.prevent_default();
                press(".copy");
                None
            }
            _ => None,
        };
        if let Some(i) = target.filter(|_| n > 0) {
            ev.prevent_default();
            if let Some(e) = entry(i) {
                let _ = e.focus();
            }
        }
    };

    // The input signal -> the textarea, except for the change the textarea itself just made:
    // writing a value back makes the browser lay out all of it again (megabytes, for a bulk
    // INSERT).
    let echo = StoredValue::new(false);
    Effect::new(move |_| {
        state.input.track();
        if echo.get_value() {
            echo.set_value(false);
            return;
        }
        if let Some(ta) = textarea.get() {
            state.input.with_untracked(|v| ta.set_value(v));
        }
    });

    let highlighted = move || {
        if state.input.with(|t| t.len() > HIGHLIGHT_MAX) {
            // The textarea shows its own text (class `plain`): laying out megabytes twice, or
            // highlighting them, would stall every keystroke.
            return Vec::new();
        }
        let text = state.input.get();
        let mut spans: Vec<AnyView> = highlight(&text)
            .into_iter()
            .map(|(r, class)| {
                let piece = text.get(r).unwrap_or("").to_string();
                view! { <span class=class.css()>{piece}</span> }.into_any()
            })
            .collect();
        // A trailing newline needs something after it to take up a line.
        spans.push(view! { <span>" "</span> }.into_any());
        spans
    };

    let copy_all = move |_| copy_to_clipboard(&state.transcript_text(engine));
    let download_txt = move |_| {
        download(
            "obplay-transcript.txt",
            "text/plain",
            &state.transcript_text(engine),
        )
    };
    let download_sql = move |_| {
        let sql: String = engine.shell.with_value(|sh| {
            sh.commands
                .iter()
                .filter(|c| c.fault.is_none())
                .map(|c| format!("{}\n", c.text))
                .collect()
        });
        download("obplay-statements.sql", "application/sql", &sql);
    };

    let welcomed = RwSignal::new(on_tour.is_none() || welcome_dismissed());
    let no_welcome = move || welcomed.get() || readonly || state.lines.with(|l| !l.is_empty());
    let examples = text::EXAMPLES
        .iter()
        .map(|(what, sql)| {
            view! {
                <li>
                    <button class="example" on:click=move |_| recall(sql.to_string())>
                        <code>{*sql}</code>
                    </button>
                    " "
                    <span class="hint">{*what}</span>
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="panel console" aria-label="obclient console" data-tour="console">
            <div class="console-tools">
                <h2>"Console"</h2>
                <button class="btn small" on:click=copy_all>{text::COPY_ALL}</button>
                <button class="btn small" on:click=download_txt>{text::DOWNLOAD_TXT}</button>
                <button class="btn small" on:click=download_sql>{text::DOWNLOAD_SQL}</button>
                <button
                    class="btn small"
                    aria-keyshortcuts="Control+L"
                    on:click=move |_| state.cleared.set(state.lines.with_untracked(Vec::len))
                >
                    {text::CLEAR}
                </button>
            </div>
            <div class="welcome" data-testid="welcome" hidden=no_welcome>
                <h3>{text::WELCOME_TITLE}</h3>
                <p>{text::WELCOME}</p>
                <p>{text::TRY}</p>
                <ol class="examples">{examples}</ol>
                <p class="welcome-actions">
                    <button
                        class="btn primary"
                        data-testid="take-tour"
                        on:click=move |_| {
                            if let Some(cb) = on_tour {
                                cb.run(());
                            }
                        }
                    >
                        {text::TAKE_TOUR}
                    </button>
                    " "
                    <span class="hint">{text::TOUR_WHY}</span>
                    " "
                    <button
                        class="btn small"
                        on:click=move |_| {
                            dismiss_welcome();
                            welcomed.set(true);
                        }
                    >
                        {text::DISMISS}
                    </button>
                </p>
            </div>
            <div
                class="transcript"
                node_ref=transcript
                role="log"
                aria-live="polite"
                aria-label=text::TRANSCRIPT
                data-testid="transcript"
                class:empty=move || state.lines.with(Vec::is_empty)
                tabindex="0"
                on:keydown=on_transcript_key
            >
                <button
                    class="btn small setup-toggle"
                    data-testid="setup-toggle"
                    aria-expanded=move || setup_open.get().to_string()
                    hidden=move || !collapse_setup || setup_count() == 0
                    on:click=move |_| setup_open.update(|o| *o = !*o)
                >
                    {move || {
                        if setup_open.get() {
                            text::SETUP_HIDE.to_string()
                        } else {
                            text::setup(setup_count(), scenario_title())
                        }
                    }}
                </button>
                <button
                    class="btn small show-earlier"
                    data-testid="show-earlier"
                    hidden=move || hidden_count() == 0
                    on:click=move |_| state.shown.update(|n| *n += WINDOW)
                >
                    {move || text::show_earlier(hidden_count())}
                </button>
                <For
                    each=move || {
                        let epoch = state.epoch.get();
                        let (from, to) = window();
                        (from..to).map(move |i| (epoch, i))
                    }
                    key=|k| *k
                    children=move |(_, i)| {
                        let Some(e) = state.lines.with_untracked(|l| l.get(i).cloned()) else {
                            return ().into_any();
                        };
                        let m = mode();
                        let cont = obclient::continuation_prompt("", m);
                        let shown = e.input.replace('\n', &format!("\n{cont}"));
                        let typed = e.input.clone();
                        let copy_text = e.output.clone();
                        let out_class = if is_table(&e.output) { "out table" } else { "out" };
                        let hint = e
                            .hint
                            .as_ref()
                            .map(|h| view! { <p class="hint-line" data-testid="hint">{text::hint(h)}</p> });
                        view! {
                            <div class="entry" class:error=e.is_error tabindex="-1">
                                <pre class="echo">
                                    <span class="prompt">{e.prompt}</span>
                                    <button
                                        class="recall"
                                        tabindex="-1"
                                        title=text::RECALL
                                        on:click=move |_| recall(typed.clone())
                                    >
                                        {shown}
                                    </button>
                                </pre>
                                <pre class=out_class>{e.output}</pre>
                                {hint}
                                <button
                                    class="copy"
                                    tabindex="-1"
                                    aria-label=text::COPY_ONE
                                    on:click=move |_| copy_to_clipboard(&copy_text)
                                >
                                    "Copy"
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                />
            </div>
            <div class="input-row" hidden=readonly>
                <label for="sql-input" class="prompt" translate="no">{prompt}</label>
                <div class="editor" class:plain=move || state.input.with(|t| t.len() > HIGHLIGHT_MAX)>
                    <pre class="highlight" aria-hidden="true">{highlighted}</pre>
                    <textarea
                        id="sql-input"
                        node_ref=textarea
                        disabled=readonly
                        aria-label="SQL statement"
                        aria-describedby="console-help"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        rows="3"
                        on:input=move |ev| {
                            echo.set_value(true);
                            state.input.set(event_target_value(&ev));
                            state.completions.set(Vec::new());
                            if state.refused.with_untracked(Option::is_some) {
                                state.refused.set(None);
                            }
                        }
                        on:keydown=on_keydown
                    ></textarea>
                </div>
            </div>
            <p class="console-refused" role="alert" data-testid="console-refused" hidden=move || state.refused.with(Option::is_none)>
                <strong>{text::NOT_RUN}</strong>
                " "
                {move || state.refused.get().unwrap_or_default()}
            </p>
            <ul class="completions" translate="no" aria-label="Completions" hidden=move || state.completions.with(Vec::is_empty)>
                {move || state.completions.get().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
            <p id="console-help" class="hint" hidden=readonly>
                {text::HELP}
            </p>
        </section>
    }
}
