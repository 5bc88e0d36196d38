//! The page: header, time bar, console, dashboards and faults, wired to the one engine owner.

use crate::blocks::BlockView;
use crate::console::{Console, ConsoleState};
use crate::dashboard::{JobDashboard, TenantDashboard};
use crate::engine::{Engine, use_engine};
use crate::persist::{self, Saved, Ui};
use crate::timebar::{Clock, TICK_MS, TimeBar};
use leptos::prelude::*;
use obsim::shell::{Fault, Shell};
use wasm_bindgen::JsCast;

/// Everything the page starts from: a restored session or a fresh one.
struct Start {
    shell: Shell,
    console: ConsoleState,
    ui: Ui,
    /// Why a saved session could not be restored (shown with a reset button).
    problem: Option<String>,
}

fn start() -> Start {
    let fresh = |problem| Start {
        shell: Shell::new(crate::DEFAULT_SEED),
        console: ConsoleState::new(Vec::new(), 0, Vec::new()),
        ui: Ui::default(),
        problem,
    };
    match persist::load() {
        Ok(None) => fresh(None),
        Err(e) => fresh(Some(e)),
        Ok(Some(saved)) => {
            let (shell, entries) = Shell::replay(&saved.log);
            let cleared = saved.cleared.min(entries.len());
            Start {
                shell,
                console: ConsoleState::new(entries, cleared, saved.history),
                ui: saved.ui,
                problem: None,
            }
        }
    }
}

fn save(engine: Engine, console: ConsoleState, clock: Clock, theme: RwSignal<String>) {
    let log = engine.shell.with_value(|sh| sh.log());
    persist::save(&Saved {
        format: persist::FORMAT,
        log,
        history: console.history.get_untracked(),
        cleared: console.cleared.get_untracked(),
        ui: Ui {
            speed: clock.speed.get_untracked(),
            playing: clock.playing.get_untracked(),
            theme: theme.get_untracked(),
        },
    });
}

fn is_typing_target(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(
                el.tag_name().as_str(),
                "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON"
            )
        })
}

#[component]
pub fn App() -> impl IntoView {
    let Start {
        shell,
        console,
        ui,
        problem,
    } = start();
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
    let problem = RwSignal::new(problem);
    let help_open = RwSignal::new(false);

    // Persist after every change of the transcript and every few seconds of play.
    Effect::new(move |_| {
        console.lines.track();
        console.cleared.track();
        clock.playing.track();
        clock.speed.track();
        theme.track();
        if problem.with_untracked(Option::is_none) {
            save(engine, console, clock, theme);
        }
    });

    // The play loop: simulated time advances by speed × real time.
    let ticks = StoredValue::new(0u64);
    gloo_timers::callback::Interval::new(TICK_MS, move || {
        if clock.playing.get_untracked() {
            let dt = (f64::from(TICK_MS) * 1000.0 * clock.speed.get_untracked()) as u64;
            engine.act(|sh| sh.cluster.advance(dt));
            ticks.update_value(|t| *t += 1);
            if ticks.get_value().is_multiple_of(20) && problem.with_untracked(Option::is_none) {
                save(engine, console, clock, theme);
            }
        }
    })
    .forget();

    // Keyboard shortcuts outside text fields.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if is_typing_target(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            " " => {
                ev.prevent_default();
                clock.playing.update(|p| *p = !*p);
            }
            "?" => help_open.update(|o| *o = !*o),
            "Escape" => help_open.set(false),
            "ArrowRight" if ev.shift_key() => engine.act(|sh| sh.cluster.advance(1_000_000)),
            "/" => {
                ev.prevent_default();
                if let Some(el) = document().get_element_by_id("sql-input")
                    && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
                {
                    let _ = el.focus();
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

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

    let new_seed = Callback::new(move |seed: u64| {
        engine.act(|sh| *sh = Shell::new(seed));
        console.lines.set(Vec::new());
        console.cleared.set(0);
        console.input.set(String::new());
    });

    let reset = move |_| {
        persist::clear();
        problem.set(None);
        engine.act(|sh| *sh = Shell::new(crate::DEFAULT_SEED));
        console.lines.set(Vec::new());
        console.cleared.set(0);
    };

    view! {
        <Header theme=theme help_open=help_open />
        {move || {
            problem
                .get()
                .map(|msg| {
                    view! {
                        <div class="problem" role="alert">
                            <p>"Your saved session could not be restored: " {msg} "."</p>
                            <button class="btn primary" on:click=reset>"Start a fresh session"</button>
                        </div>
                    }
                })
        }}
        <TimeBar clock=clock on_new_seed=new_seed />
        <main class="layout">
            <div class="col-main">
                <Console state=console />
                <BlockView clock=clock />
                <Faults />
            </div>
            <div class="col-side">
                <TenantDashboard />
                <JobDashboard />
            </div>
        </main>
        <HelpSheet open=help_open />
    }
}

#[component]
fn Header(theme: RwSignal<String>, help_open: RwSignal<bool>) -> impl IntoView {
    let engine = use_engine();
    let version = move || engine.read(|sh| sh.cluster.version().to_string());
    let seed = move || engine.read(|sh| sh.cluster.seed());
    view! {
        <header class="topbar">
            <h1 class="brand">"obplay"</h1>
            <span class="meta" data-testid="cluster-version">"OceanBase " {version}</span>
            <span class="meta" data-testid="seed">"seed " {seed}</span>
            <span class="spacer"></span>
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
            <button class="btn small" aria-keyshortcuts="?" on:click=move |_| help_open.update(|o| *o = !*o)>
                "? Shortcuts"
            </button>
        </header>
    }
}

#[component]
fn HelpSheet(open: RwSignal<bool>) -> impl IntoView {
    const KEYS: [(&str, &str); 11] = [
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
        ("?", "Show or hide this sheet"),
        ("Esc", "Close this sheet"),
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
