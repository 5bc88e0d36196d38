//! The obclient console: the same transcript as `obsim` (prompt, echo, output) in an accessible
//! log region, and a labelled textarea with multi-line input, history, completion and syntax
//! highlighting. Every string the user typed is rendered as text, never as HTML.

use crate::engine::{Engine, use_engine};
use leptos::html::Textarea;
use leptos::prelude::*;
use obsim::assist::{complete, highlight};
use obsim::obclient;
use obsim::shell::{Entry, is_login_line};
use wasm_bindgen::JsCast;

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
        }
    }

    /// Runs `text` (complete statements and login lines); what is left incomplete stays in the
    /// input.
    pub fn submit(&self, engine: Engine, text: String) {
        if text.trim().is_empty() {
            return;
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
        let Some(ta) = textarea.get() else { return };
        let value = ta.value();
        let start = byte_offset(&value, ta.selection_start().ok().flatten().unwrap_or(0));
        let end = byte_offset(&value, ta.selection_end().ok().flatten().unwrap_or(0));
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match ev.key().as_str() {
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
                let c = engine
                    .shell
                    .with_value(|sh| complete(&value, start, &sh.cluster, &sh.session));
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

    let highlighted = move || {
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
                <button class="btn small" on:click=copy_all>"Copy transcript"</button>
                <button class="btn small" on:click=download_txt>"Download .txt"</button>
                <button class="btn small" on:click=download_sql>"Download .sql"</button>
                <button
                    class="btn small"
                    aria-keyshortcuts="Control+L"
                    on:click=move |_| state.cleared.set(state.lines.with_untracked(Vec::len))
                >
                    "Clear"
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
                <For
                    each=move || {
                        let skip = state.cleared.get();
                        state.lines.with(|l| l.iter().enumerate().skip(skip).map(|(i, e)| (i, e.clone())).collect::<Vec<_>>())
                    }
                    key=|(i, _)| *i
                    children=move |(_, e)| {
                        let m = mode();
                        let cont = obclient::continuation_prompt("", m);
                        let shown = e.input.replace('\n', &format!("\n{cont}"));
                        let typed = e.input.trim_end_matches(';').to_string();
                        let output = e.output.clone();
                        let copy_text = e.output.clone();
                        view! {
                            <div class="entry" class:error=e.is_error>
                                <pre class="echo">
                                    <span class="prompt">{e.prompt.clone()}</span>
                                    <button
                                        class="recall"
                                        title="Put this statement back in the input"
                                        on:click=move |_| recall(typed.clone())
                                    >
                                        {shown}
                                    </button>
                                </pre>
                                <pre class="out">{output}</pre>
                                <button
                                    class="copy"
                                    aria-label="Copy this result"
                                    on:click=move |_| copy_to_clipboard(&copy_text)
                                >
                                    "Copy"
                                </button>
                            </div>
                        }
                    }
                />
            </div>
            <div class="input-row" hidden=readonly>
                <label for="sql-input" class="prompt">{prompt}</label>
                <div class="editor">
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
                        prop:value=move || state.input.get()
                        on:input=move |ev| {
                            state.input.set(event_target_value(&ev));
                            state.completions.set(Vec::new());
                        }
                        on:keydown=on_keydown
                    ></textarea>
                </div>
            </div>
            <ul class="completions" aria-label="Completions" hidden=move || state.completions.with(Vec::is_empty)>
                {move || state.completions.get().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
            <p id="console-help" class="hint" hidden=readonly>
                "Enter runs a statement ending in ; or \\G; Shift+Enter adds a line; Up/Down history; Tab completes; Ctrl+L clears; Ctrl+C drops the input."
            </p>
        </section>
    }
}
