//! The page: header, time bar, console, dashboards and faults, wired to the one engine owner.
//!
//! At start the page picks, in order: a share link in the URL fragment (`#s=...`, replayed and
//! then removed from the address so a reload continues from storage); otherwise the session
//! saved under this tab's storage key (the full app's, one derived from the embed parameters,
//! or the key of a copy this tab opened); otherwise a new session from the embed parameters'
//! seed and scenario. A save that cannot be restored is kept aside and reported while a new
//! session starts and saves normally (`saving`). Only the tab owning the key saves (`owner`).

use crate::blocks::BlockView;
use crate::console::{Console, ConsoleState};
use crate::dashboard::{JobDashboard, TenantDashboard};
use crate::embed::{ScriptSteps, report_height};
use crate::embed_config::{EmbedConfig, KEYS as PARAMS};
use crate::engine::{Engine, use_engine};
use crate::owner::{Owner, OwnerBanner};
use crate::persist::{self, Saved, StoreError, Ui, history_of};
use crate::saving::{SaveBanner, Saver, Unreadable};
use crate::scenario_picker::ScenarioPicker;
use crate::share_link::{ShareButton, ShareDialog, ShareState};
use crate::timebar::{Clock, TICK_MS, TimeBar};
use crate::tour::Tours;
use leptos::prelude::*;
use obsim::ClusterOptions;
use obsim::session_log::{Fault, SessionLog};
use obsim::shell::{Entry, Shell};
use wasm_bindgen::JsCast;

/// Everything the page starts from: a shared, restored or new session.
struct Start {
    shell: Shell,
    console: ConsoleState,
    ui: Ui,
    /// A save that could not be restored (kept aside; a new session started).
    unreadable: Option<Unreadable>,
    /// The storage could not even be read.
    store_error: Option<StoreError>,
    /// Whether the session came from a share link (not from this key's save).
    from_link: bool,
    /// Things the user should know that do not block anything (a bad link or parameter).
    notices: Vec<String>,
}

/// The embed parameters of this page's address.
fn page_config() -> EmbedConfig {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    match web_sys::UrlSearchParams::new_with_str(&search) {
        Ok(params) => {
            EmbedConfig::from_pairs(PARAMS.iter().filter_map(|k| params.get(k).map(|v| (*k, v))))
        }
        Err(_) => EmbedConfig::from_pairs(std::iter::empty::<(&str, &str)>()),
    }
}

/// The shared session in the address's fragment, if any; the fragment is then removed so a
/// reload continues from storage instead of replaying the link again.
fn take_shared() -> Option<Result<SessionLog, String>> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let shared = obsim::share::from_fragment(&hash)?;
    let base = crate::share_link::page_address();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&base));
    }
    Some(shared)
}

/// A new session from the parameters' seed and scenario (a fresh cluster if the scenario is
/// unknown, with a notice).
fn new_session(config: &EmbedConfig, notices: &mut Vec<String>) -> (Shell, Vec<Entry>) {
    let scenario = config.scenario.as_deref();
    new_session_of(
        config.seed.unwrap_or(crate::DEFAULT_SEED),
        config.options.clone(),
        scenario.unwrap_or(obsim::scenario::DEFAULT),
        notices,
    )
}

/// A replayed session: the shell, its transcript and its statements (for Up/Down history).
type Replayed = (Shell, Vec<Entry>, Vec<String>);

/// The shared session in the address, replayed.
fn open_shared() -> Option<Result<Replayed, String>> {
    let shared = take_shared()?;
    Some(shared.and_then(|log| {
        let (shell, entries) = obsim::replay::replay(&log)?;
        Ok((shell, entries, history_of(&log)))
    }))
}

/// What is saved under a key.
enum Opened {
    Nothing,
    Session(Box<(Replayed, Saved)>),
    Unreadable(Unreadable),
    NoStorage(StoreError),
}

/// Reads and replays the save under `key`. A save that cannot be read or replayed (damaged,
/// outside the limits) is kept under `key.unreadable` first.
fn open_saved(key: &str) -> Opened {
    let raw = match persist::read(key) {
        Ok(None) => return Opened::Nothing,
        Ok(Some(raw)) => raw,
        Err(e) => return Opened::NoStorage(e),
    };
    let replayed = Saved::from_text(&raw).and_then(|saved| {
        let (shell, entries) = obsim::replay::replay(&saved.log)?;
        let history = history_of(&saved.log);
        Ok(Box::new(((shell, entries, history), saved)))
    });
    match replayed {
        Ok(r) => Opened::Session(r),
        Err(why) => {
            let kept = persist::keep_unreadable(key, &raw);
            Opened::Unreadable(Unreadable {
                why,
                raw,
                kept,
                key: format!("{key}{}", persist::UNREADABLE_SUFFIX),
            })
        }
    }
}

fn start(config: &EmbedConfig, key: &str) -> Start {
    let mut notices = config.problems.clone();
    let mut unreadable = None;
    let mut store_error = None;
    let mut ui = Ui::default();
    let mut cleared = 0;
    let mut session = None;
    match open_shared() {
        Some(Ok(s)) => session = Some(s),
        Some(Err(e)) => notices.push(format!("This share link cannot be opened: {e}.")),
        None => {}
    }
    let from_link = session.is_some();
    if session.is_none() {
        match open_saved(key) {
            Opened::Session(r) => {
                let (replayed, saved) = *r;
                cleared = saved.cleared.min(replayed.1.len());
                ui = saved.ui;
                session = Some(replayed);
            }
            Opened::Unreadable(u) => unreadable = Some(u),
            Opened::NoStorage(e) => store_error = Some(e),
            Opened::Nothing => {}
        }
    }
    let (shell, entries, history) = session.unwrap_or_else(|| {
        let (shell, entries) = new_session(config, &mut notices);
        (shell, entries, Vec::new())
    });
    if let Some(t) = &config.theme {
        ui.theme = t.clone();
    }
    Start {
        shell,
        console: ConsoleState::new(entries, cleared, history),
        ui,
        unreadable,
        store_error,
        from_link,
        notices,
    }
}

fn target_tag(ev: &web_sys::KeyboardEvent) -> String {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| el.tag_name())
        .unwrap_or_default()
}

/// True when a key goes to a text field (its own keys win over every shortcut).
pub fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    matches!(target_tag(ev).as_str(), "INPUT" | "TEXTAREA" | "SELECT")
}

/// Focuses the first element matching `selector` (made focusable with tabindex=-1).
fn focus(selector: &str) {
    if let Ok(Some(el)) = document().query_selector(selector)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}

#[component]
pub fn App() -> impl IntoView {
    let config = page_config();
    let page_key = config.storage_key();
    // A tab that opened a copy of this page's session keeps using the copy after a reload.
    let key = persist::copy_key(&page_key).unwrap_or_else(|| page_key.clone());
    let Start {
        shell,
        console,
        ui,
        unreadable,
        store_error,
        from_link,
        notices,
    } = start(&config, &key);
    let shell = StoredValue::new(shell);
    let rev = RwSignal::new(0u64);
    let run_sql = Callback::new(move |sql: String| {
        let engine = Engine {
            shell,
            rev,
            run_sql: Callback::new(|_| {}),
        };
        console.submit(engine, sql);
    });
    let engine = Engine {
        shell,
        rev,
        run_sql,
    };
    provide_context(engine);
    let clock = Clock {
        playing: RwSignal::new(ui.playing),
        speed: RwSignal::new(ui.speed.clamp(0.1, 1000.0)),
    };
    let theme = RwSignal::new(ui.theme.clone());
    let unreadable = RwSignal::new(unreadable);
    let notices = RwSignal::new(notices);
    let help_open = RwSignal::new(false);
    let tours_open = RwSignal::new(false);
    let share = ShareState::new();
    let steps_done = RwSignal::new(ui.steps_done.clone());
    let owner = Owner::new();
    let saver = Saver::new(key, engine, console, clock, theme, steps_done, owner);
    if store_error.is_some() {
        saver.error.set(store_error);
    }
    // This tab's session was chosen here (a share link, or a copy): "Take over" saves it
    // instead of loading what the other tab saved.
    let from_link = StoredValue::new(from_link);
    // Once this tab owns the session, write it (a new session, a link, a migrated format).
    saver
        .key
        .with_value(|k| owner.claim(k, false, move || saver.save_now()));
    let EmbedConfig {
        embed,
        panels,
        readonly,
        autoplay,
        seed: start_seed,
        scenario: start_scenario,
        script: steps,
        options: config_options,
        ..
    } = config;
    let start_seed = start_seed.unwrap_or(crate::DEFAULT_SEED);
    let start_options = StoredValue::new(config_options);
    let start_scenario =
        StoredValue::new(start_scenario.unwrap_or_else(|| obsim::scenario::DEFAULT.to_string()));

    // Save soon after every statement or setting change, every few seconds of play, and at
    // once when the page is hidden or left (so a reload resumes exactly here).
    Effect::new(move |_| {
        console.lines.track();
        console.cleared.track();
        clock.playing.track();
        clock.speed.track();
        theme.track();
        steps_done.track();
        saver.changed();
    });
    Effect::new(move |_| {
        engine.rev.track();
        saver.touched();
    });
    let hide = window_event_listener_untyped("pagehide", move |_| saver.flush());
    let hidden = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            saver.flush();
        }
    });
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
    });
    // A tab that does not own its session does not play (its time would not be saved).
    Effect::new(move |_| {
        if owner.state.get().blocked() {
            clock.playing.set(false);
        }
    });

    // The play loop: simulated time advances by speed × real time, and stops at the session's
    // time limit.
    let ticks = StoredValue::new(0u64);
    gloo_timers::callback::Interval::new(TICK_MS, move || {
        if clock.playing.try_get_untracked() == Some(true) {
            let dt = (f64::from(TICK_MS) * 1000.0 * clock.speed.get_untracked()) as u64;
            engine.act(|sh| sh.cluster.advance(dt));
            if engine.shell.with_value(|sh| sh.cluster.at_time_limit()) {
                clock.playing.set(false);
            }
            ticks.update_value(|t| *t += 1);
            if ticks.get_value().is_multiple_of(20) {
                saver.flush();
            }
        }
    })
    .forget();

    let restart = move |session: (Shell, Vec<Entry>)| restart(engine, console, steps_done, session);

    // Keyboard shortcuts outside text fields.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if in_text_field(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        if owner.state.get_untracked().blocked() {
            return;
        }
        let key = ev.key();
        match key.as_str() {
            // A focused button keeps Space for itself.
            " " if target_tag(&ev) != "BUTTON" => {
                ev.prevent_default();
                clock.playing.update(|p| *p = !*p);
            }
            "?" => help_open.update(|o| *o = !*o),
            "t" if !embed => tours_open.update(|o| *o = !*o),
            "s" | "S" if !embed => share.share(engine),
            "Escape" => {
                help_open.set(false);
                share.open.set(false);
            }
            "ArrowRight" if ev.shift_key() => engine.act(|sh| sh.cluster.advance(1_000_000)),
            "/" => {
                ev.prevent_default();
                focus("#sql-input");
            }
            "j" | "J" => focus(".dash-jobs"),
            "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" => {
                focus(&format!(".tenant-card:nth-child({key})"));
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    // A share link pasted into the address bar of an open page changes only the fragment.
    let hash = window_event_listener(leptos::ev::hashchange, move |_| match open_shared() {
        Some(Ok((shell, entries, history))) => {
            restart((shell, entries));
            console.history.set(history);
            from_link.set_value(true);
        }
        Some(Err(e)) => {
            notices.update(|n| n.push(format!("This share link cannot be opened: {e}.")))
        }
        None => {}
    });
    on_cleanup(move || hash.remove());

    // Theme: follow prefers-color-scheme unless overridden.
    Effect::new(move |_| {
        let t = theme.get();
        if let Some(root) = document().document_element() {
            if t == "auto" {
                let _ = root.remove_attribute("data-theme");
            } else {
                let _ = root.set_attribute("data-theme", &t);
            }
        }
    });

    let scenario_of = move || engine.shell.with_value(|sh| sh.scenario().to_string());
    let seed_of = move || engine.shell.with_value(|sh| sh.cluster.seed());
    // A new seed or scenario keeps the cluster's size and workload.
    let options_of = move || engine.shell.with_value(Shell::options);
    let new_seed = Callback::new(move |seed: u64| {
        let mut n = Vec::new();
        restart(new_session_of(seed, options_of(), &scenario_of(), &mut n));
    });
    let new_scenario = Callback::new(move |name: String| {
        let mut n = Vec::new();
        restart(new_session_of(seed_of(), options_of(), &name, &mut n));
        notices.set(n);
    });
    // A tour starts from a fresh cluster of the current seed, whatever the scenario.
    let tour_start = Callback::new(move |seed: u64| {
        let mut n = Vec::new();
        restart(new_session_of(
            seed,
            ClusterOptions::default(),
            obsim::scenario::DEFAULT,
            &mut n,
        ));
    });
    let start_over = Callback::new(move |()| {
        let mut n = Vec::new();
        restart(
            start_scenario
                .with_value(|sc| new_session_of(start_seed, start_options.get_value(), sc, &mut n)),
        );
        notices.set(n);
    });

    // Another tab owns this key: continue from what it saved (or, for a session opened from a
    // link, save this one over it), and it stops saving.
    let take_over = Callback::new(move |()| {
        let key = saver.key.get_value();
        let name = key.clone();
        owner.claim(&name, true, move || {
            if from_link.get_value() {
                saver.save_now();
                return;
            }
            match open_saved(&key) {
                Opened::Session(r) => {
                    let ((shell, entries, history), saved) = *r;
                    let cleared = saved.cleared.min(entries.len());
                    engine.act(|sh| *sh = shell);
                    console.reset(entries, cleared, history);
                    steps_done.set(saved.ui.steps_done);
                    clock.speed.set(saved.ui.speed);
                    theme.set(saved.ui.theme);
                }
                Opened::Unreadable(u) => {
                    unreadable.set(Some(u));
                    saver.save_now();
                }
                Opened::NoStorage(e) => saver.error.set(Some(e)),
                Opened::Nothing => saver.save_now(),
            }
        });
    });
    // Keep this tab's session as a copy under a key of its own.
    let open_copy = Callback::new(move |()| {
        let key = persist::new_copy_key(&page_key);
        saver.key.set_value(key.clone());
        from_link.set_value(true);
        owner.claim(&key, false, move || saver.save_now());
    });

    // Embeds tell the host page their height (for an iframe without a scrollbar), once the
    // page is in the DOM.
    if embed {
        request_animation_frame(|| {
            if let Some(el) = document().get_element_by_id("obplay") {
                report_height(el);
            }
        });
    }

    let blocked = move || owner.state.get().blocked();
    let has_main = panels.console || panels.blocks || !steps.is_empty() || !embed;
    let has_side = panels.tenants || panels.jobs;
    // Parts an embed leaves out are hidden rather than left out of the view tree: one static
    // view type keeps the wasm much smaller than optional (generic or type-erased) branches.
    view! {
        <div id="obplay" class="app" class:embedded=embed>
            // While another tab owns the session, everything but the banners is inert.
            <div hidden=embed inert=blocked>
                <Header theme=theme help_open=help_open tours_open=tours_open share=share on_scenario=new_scenario />
                <ShareDialog state=share />
            </div>
            <OwnerBanner state=owner.state on_take_over=take_over on_copy=open_copy />
            <SaveBanner saver=saver unreadable=unreadable />
            <div class="fence" inert=blocked>
            <div class="notices" role="status" hidden=move || notices.with(Vec::is_empty)>
                <p>{move || notices.get().join(" ")}</p>
                <button class="btn small" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
            </div>
            <TimeBar clock=clock on_new_seed=new_seed compact=embed />
            <main class="layout" class:single=!(has_main && has_side)>
                <div class="col-main" hidden=!has_main>
                    <div class="fence" hidden=embed>
                        <Tours open=tours_open on_new_seed=tour_start />
                    </div>
                    <ScriptSteps steps=steps done=steps_done autoplay=autoplay on_restart=start_over />
                    <div class="fence" hidden=!panels.console>
                        <Console state=console readonly=readonly />
                    </div>
                    <div class="fence" hidden=!panels.blocks>
                        <BlockView clock=clock />
                    </div>
                    <fieldset class="fence" disabled=readonly hidden=embed>
                        <Faults />
                    </fieldset>
                </div>
                <div class="col-side" hidden=!has_side>
                    <fieldset class="fence" disabled=readonly>
                        <div class="fence" hidden=!panels.tenants>
                            <TenantDashboard />
                        </div>
                        <div class="fence" hidden=!panels.jobs>
                            <JobDashboard />
                        </div>
                    </fieldset>
                </div>
            </main>
            <div hidden=embed>
                <HelpSheet open=help_open />
            </div>
            </div>
        </div>
    }
}

/// Replaces the session (new seed, scenario, shared link, reset): the new transcript, an empty
/// input, every script step pending.
fn restart(
    engine: Engine,
    console: ConsoleState,
    steps_done: RwSignal<Vec<usize>>,
    (shell, entries): (Shell, Vec<Entry>),
) {
    engine.act(|sh| *sh = shell);
    let history = console.history.get_untracked();
    console.reset(entries, 0, history);
    steps_done.set(Vec::new());
}

/// A new session of `seed` on a cluster built with `options`, from `scenario` (a fresh
/// cluster, with a notice, if it is unknown).
fn new_session_of(
    seed: u64,
    options: ClusterOptions,
    scenario: &str,
    notices: &mut Vec<String>,
) -> (Shell, Vec<Entry>) {
    obsim::replay::start_with(seed, options.clone(), scenario).unwrap_or_else(|e| {
        notices.push(format!("{e}; starting from a fresh cluster."));
        (Shell::with_options(seed, options), Vec::new())
    })
}

#[component]
fn Header(
    theme: RwSignal<String>,
    help_open: RwSignal<bool>,
    tours_open: RwSignal<bool>,
    share: ShareState,
    on_scenario: Callback<String>,
) -> impl IntoView {
    let engine = use_engine();
    let version = move || engine.read(|sh| sh.cluster.version().to_string());
    let seed = move || engine.read(|sh| sh.cluster.seed());
    let scenario = move || {
        engine.read(|sh| {
            obsim::scenario::find(sh.scenario())
                .map(|s| s.title)
                .unwrap_or_default()
        })
    };
    view! {
        <header class="topbar">
            <h1 class="brand">"obplay"</h1>
            <span class="meta" data-testid="cluster-version">"OceanBase " {version}</span>
            <span class="meta" data-testid="seed">"seed " {seed}</span>
            <span class="meta" data-testid="scenario">{scenario}</span>
            <span class="spacer"></span>
            <ScenarioPicker on_start=on_scenario />
            <ShareButton state=share />
            <label class="meta">
                "Theme "
                <select
                    aria-label="Theme"
                    prop:value=move || theme.get()
                    on:change=move |ev| theme.set(event_target_value(&ev))
                >
                    <option value="auto">"Auto"</option>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
            </label>
            <button class="btn small" aria-keyshortcuts="t" on:click=move |_| tours_open.update(|o| *o = !*o)>
                "Tours"
            </button>
            <button class="btn small" aria-keyshortcuts="?" on:click=move |_| help_open.update(|o| *o = !*o)>
                "? Shortcuts"
            </button>
        </header>
    }
}

#[component]
fn HelpSheet(open: RwSignal<bool>) -> impl IntoView {
    const KEYS: [(&str, &str); 18] = [
        ("Space", "Play / pause simulated time (outside text fields)"),
        ("Shift + →", "Step one simulated second"),
        ("/", "Focus the console input"),
        ("Enter", "Run the statement (when it ends with ; or \\G)"),
        ("Shift + Enter", "New line in the input"),
        (
            "↑ / ↓",
            "Previous / next statement (caret on the first / last line)",
        ),
        (
            "Tab",
            "Complete keywords, tenants, views, columns, parameters",
        ),
        ("Ctrl + L", "Clear the transcript"),
        ("Ctrl + C", "Drop the current input (with no text selected)"),
        ("1 … 9", "Focus tenant card n"),
        (
            "F / I / C / A",
            "In a tenant card: full backup, incremental backup, cancel, archive on/off",
        ),
        (
            "H / D",
            "In a tenant card: edit the thread score, the destinations",
        ),
        ("J", "Focus the job dashboard"),
        ("C", "In a running job's row: cancel that job"),
        ("T", "Open or close the guided tours"),
        ("S", "Share: copy a link that replays this session"),
        ("?", "Show or hide this sheet"),
        ("Esc", "Close this sheet or the share dialog"),
    ];
    view! {
        <div class="help" role="dialog" aria-modal="false" aria-label="Keyboard shortcuts" hidden=move || !open.get()>
            <h2>"Keyboard shortcuts"</h2>
            <dl>
                {KEYS
                    .iter()
                    .map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*what}</dd> })
                    .collect_view()}
            </dl>
            <button class="btn" on:click=move |_| open.set(false)>"Close"</button>
        </div>
    }
}

/// Fault injection: each fault is recorded in the session log so reloads and share links
/// reproduce it.
#[component]
fn Faults() -> impl IntoView {
    let engine = use_engine();
    let servers = move || {
        engine.read(|sh| {
            sh.cluster
                .servers
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.addr(), s.active))
                .collect::<Vec<_>>()
        })
    };
    let dests = move || {
        engine.read(|sh| {
            let mut out = Vec::new();
            for t in sh.cluster.user_tenants() {
                if let Some(d) = sh
                    .cluster
                    .tenant_backup(t.id)
                    .and_then(|b| b.data_dest.as_ref())
                {
                    out.push((
                        t.name.clone(),
                        d.path.clone(),
                        sh.cluster.medium.is_unreachable(&d.path),
                        sh.cluster.medium.is_full(&d.path),
                    ));
                }
            }
            out
        })
    };
    let archiving = move || {
        engine.read(|sh| {
            sh.cluster
                .user_tenants()
                .filter(|t| sh.cluster.archive.get(&t.id).is_some_and(|a| a.is_doing()))
                .map(|t| (t.id, t.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let inject = move |f: Fault| engine.act(|sh| sh.inject(f));
    view! {
        <section class="panel faults" aria-label="Faults">
            <h2>"Faults"</h2>
            <div class="fault-group">
                <h3>"OBServers"</h3>
                {move || {
                    servers()
                        .into_iter()
                        .map(|(i, addr, active)| {
                            let label = if active { format!("Stop {addr}") } else { format!("Start {addr}") };
                            view! {
                                <button class="btn small" class:danger=active on:click=move |_| inject(Fault::ServerActive { index: i, active: !active })>
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <div class="fault-group">
                <h3>"Backup destinations"</h3>
                {move || {
                    let d = dests();
                    if d.is_empty() {
                        return view! { <p class="hint">"No DATA_BACKUP_DEST set yet."</p> }.into_any();
                    }
                    d.into_iter()
                        .map(|(tenant, path, unreachable, full)| {
                            let p1 = path.clone();
                            let p2 = path.clone();
                            view! {
                                <div class="fault-row">
                                    <span class="path" title=path.clone()>{tenant}": "{path.clone()}</span>
                                    <button class="btn small" class:danger=!unreachable on:click=move |_| inject(Fault::DestUnreachable { path: p1.clone(), on: !unreachable })>
                                        {if unreachable { "Make reachable" } else { "Make unreachable" }}
                                    </button>
                                    <button class="btn small" class:danger=!full on:click=move |_| inject(Fault::DestFull { path: p2.clone(), on: !full })>
                                        {if full { "Free space" } else { "Fill up" }}
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </div>
            <div class="fault-group">
                <h3>"Log archive"</h3>
                {move || {
                    let a = archiving();
                    if a.is_empty() {
                        return view! { <p class="hint">"No archive round is DOING."</p> }.into_any();
                    }
                    a.into_iter()
                        .map(|(id, name)| {
                            view! {
                                <button class="btn small danger" on:click=move |_| inject(Fault::InterruptArchive { tenant_id: id })>
                                    {format!("Interrupt archiving of {name}")}
                                </button>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </div>
        </section>
    }
}
