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
use obsim::shell::{Entry, is_login_line};
use wasm_bindgen::JsCast;

/// Transcript entries shown at once (and added by each "Show earlier").
pub const WINDOW: usize = 200;
/// Inputs longer than this (in bytes) are shown without highlighting.
pub const HIGHLIGHT_MAX: usize = 20_000;
/// Bytes before the caret that Tab completion looks at.
pub const COMPLETE_WINDOW: usize = 512;

/// The console's texts, in one place.
mod text {
    pub fn show_earlier(hidden: usize) -> String {
        format!("Show earlier ({hidden} more)")
    }
    pub const COPY_ALL: &str = "Copy transcript";
    pub const DOWNLOAD_TXT: &str = "Download .txt";
    pub const DOWNLOAD_SQL: &str = "Download .sql";
    pub const CLEAR: &str = "Clear";
    pub const HELP: &str = "Enter runs a statement ending in ; or \\G; Shift+Enter adds a line; Up/Down history; Tab completes; Ctrl+L clears; Ctrl+C drops the input.";
    pub const RECALL: &str = "Put this statement back in the input";
    pub const COPY_ONE: &str = "Copy this result";
    pub const NOT_RUN: &str = "Not run:";
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
    // The entries shown: the latest `shown` after those Ctrl+L cleared.
    let window = move || {
        let skip = state.cleared.get();
        let n = state.lines.with(Vec::len);
        (n.saturating_sub(state.shown.get()).max(skip).min(n), n)
    };
    let hidden_count = move || window().0.saturating_sub(state.cleared.get());
    let mode = move || engine.read(|sh| sh.mode());

    let focus_input = move || {
        if let Some(t) = textarea.get() {
            let _ = t.focus();
        }
    };

    let recall = move |text: String| {
        // Entries echo the terminator; put the statement back as typed.
        state.input.set(text);
        focus_input();
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        // Only these keys read the input (a copy of it, which may be megabytes).
        if !matches!(
            key.as_str(),
            "Enter" | "ArrowUp" | "ArrowDown" | "l" | "L" | "c" | "C" | "Tab"
        ) {
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
                } else if obclient::is_complete_in(&value, m) || is_login_line(value.trim()) {
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
            "Tab" if !ev.shift_key() => {
                ev.prevent_default();
                // Only a window before the caret: the word being completed is in it.
                let mut window = start.saturating_sub(COMPLETE_WINDOW);
                while !value.is_char_boundary(window) {
                    window += 1;
                }
                let mut c = engine.shell.with_value(|sh| {
                    complete(&value[window..], start - window, &sh.cluster, &sh.session)
                });
                c.from += window;
                let insert = match c.candidates.as_slice() {
                    [] => return,
                    [only] => format!("{only} "),
                    _ => c.common.clone(),
                };
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
            <div
                class="transcript"
                node_ref=transcript
                role="log"
                aria-live="polite"
                aria-label="Console output"
                data-testid="transcript"
            >
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
                        let typed = e.input.trim_end_matches(';').to_string();
                        let copy_text = e.output.clone();
                        view! {
                            <div class="entry" class:error=e.is_error>
                                <pre class="echo">
                                    <span class="prompt">{e.prompt}</span>
                                    <button
                                        class="recall"
                                        title=text::RECALL
                                        on:click=move |_| recall(typed.clone())
                                    >
                                        {shown}
                                    </button>
                                </pre>
                                <pre class="out">{e.output}</pre>
                                <button
                                    class="copy"
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
                <label for="sql-input" class="prompt">{prompt}</label>
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
            <ul class="completions" aria-label="Completions" hidden=move || state.completions.with(Vec::is_empty)>
                {move || state.completions.get().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
            <p id="console-help" class="hint" hidden=readonly>
                {text::HELP}
            </p>
        </section>
    }
}
