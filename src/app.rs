//! The page: header, time bar, console, dashboards and faults, wired to the one engine owner.
//!
//! Where the session comes from is `session`'s concern (a share link, the save under this tab's
//! key, or a new session); saving is `saving`'s, and only the tab owning the key saves
//! (`owner`). This file wires them: the engine owner, the play loop, the shortcuts, the panels.

use crate::blocks::BlockView;
use crate::console::Console;
use crate::dashboard::{JobDashboard, RestoreDrill, TenantDashboard};
use crate::embed::{ScriptSteps, report_height};
use crate::embed_config::EmbedConfig;
use crate::engine::{Engine, Typist};
use crate::faults::Faults;
use crate::glossary::{Glossary, GlossaryPanel};
use crate::header::{Header, HelpSheet};
use crate::keys::{focus, in_text_field, target_tag};
use crate::owner::{Owner, OwnerBanner};
use crate::persist;
use crate::saving::{SaveBanner, Saver};
use crate::session::{
    Opened, Start, new_session_of, open_saved, open_shared, page_config, restart, start,
};
use crate::share_link::{ShareDialog, ShareState};
use crate::timebar::{Clock, TICK_MS, TimeBar};
use crate::tour::Tours;
use crate::tour::challenge::ChallengeCard;
use crate::undo::{Guard, GuardBar, Replaced, Replacement};
use leptos::prelude::*;
use obsim::shell::{Entry, Shell};

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
    // Drill actions put their statement into the input; the user reads it and presses Enter.
    provide_context(Typist(Callback::new(move |sql: String| {
        console.input.set(sql);
        crate::keys::focus("#sql-input");
    })));
    let glossary = Glossary {
        open: RwSignal::new(None),
    };
    provide_context(glossary);
    let guard = Guard::new();
    let tour_started = RwSignal::new(None::<usize>);
    // The static loading state of index.html goes once the app is there.
    if let Some(el) = document().get_element_by_id("loading") {
        el.remove();
    }
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
        tenants: only_tenants,
        controls,
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
    // time limit. It starts once the whole wasm is there: its first ticks run engine code the
    // console's start does not (issue 16). A statement before that links it at once.
    let linked = code_linked();
    let ticks = StoredValue::new(0u64);
    gloo_timers::callback::Interval::new(TICK_MS, move || {
        if clock.playing.try_get_untracked() == Some(true)
            && linked.try_get_untracked() == Some(true)
        {
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

    // A new session replaces this one: the share dialog's link belonged to the old one, and a
    // new session plays (a cluster does not wait).
    let restart = move |session: (Shell, Vec<Entry>)| {
        share.open.set(false);
        restart(engine, console, steps_done, session);
        clock.playing.set(true);
    };
    // Keeps what is about to be replaced, for Undo (only a session with statements in it).
    let keep_for_undo = move |by: String| {
        let kept = engine.shell.with_value(|sh| {
            (!sh.commands.is_empty()).then(|| Replaced {
                log: sh.log(),
                cleared: console.cleared.get_untracked(),
                by,
            })
        });
        guard.undo.set(kept);
    };

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
            "g" if !embed => glossary.open.set(Some("tenant")),
            "s" | "S" if !embed => share.share(engine),
            "Escape" => {
                help_open.set(false);
                share.open.set(false);
                glossary.open.set(None);
            }
            "ArrowRight" if ev.shift_key() => engine.act(|sh| sh.cluster.advance(1_000_000)),
            "/" => {
                ev.prevent_default();
                focus("#sql-input");
            }
            "j" | "J" => focus(".dash-jobs"),
            "r" | "R" if !embed => focus(".dash-restore"),
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
            keep_for_undo("the shared session".into());
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
    let title_of = |name: &str| {
        obsim::scenario::find(name)
            .map(|s| s.title)
            .unwrap_or_default()
    };
    // Replaces the session (the user agreed, or there was nothing to lose).
    let replace = Callback::new(move |r: Replacement| {
        let mut n = Vec::new();
        match r {
            Replacement::Seed(seed) => {
                keep_for_undo(format!("a new run with seed {seed}"));
                restart(new_session_of(seed, options_of(), &scenario_of(), &mut n));
            }
            Replacement::Scenario(name) => {
                keep_for_undo(format!("“{}”", title_of(&name)));
                restart(new_session_of(seed_of(), options_of(), &name, &mut n));
                notices.set(n);
            }
            Replacement::Tour(i) => {
                // A tour starts from a fresh cluster of the current seed, with its workload.
                let Some(tour) = obsim::tours::TOURS.get(i) else {
                    return;
                };
                keep_for_undo(format!("the tour “{}”", tour.title));
                restart(new_session_of(
                    seed_of(),
                    tour.options(),
                    obsim::scenario::DEFAULT,
                    &mut n,
                ));
                tour_started.set(Some(i));
            }
        }
    });
    // Asks first when the session has statements in it.
    let request = move |r: Replacement| {
        let statements = engine
            .shell
            .with_value(|sh| sh.commands.iter().filter(|c| c.fault.is_none()).count());
        if statements == 0 {
            guard.undo.set(None);
            replace.run(r);
        } else {
            guard.pending.set(Some((r, statements)));
        }
    };
    let new_seed = Callback::new(move |seed: u64| request(Replacement::Seed(seed)));
    let new_scenario = Callback::new(move |name: String| request(Replacement::Scenario(name)));
    let tour_start = Callback::new(move |i: usize| request(Replacement::Tour(i)));
    let challenge_start = Callback::new(move |i: usize| {
        if let Some(c) = obsim::tours::challenge::CHALLENGES.get(i) {
            request(Replacement::Scenario(c.scenario.to_string()));
        }
    });
    let undo = Callback::new(move |()| {
        let Some(kept) = guard.undo.get_untracked() else {
            return;
        };
        guard.undo.set(None);
        match obsim::replay::replay(&kept.log) {
            Ok((shell, entries)) => {
                let cleared = kept.cleared.min(entries.len());
                restart((shell, entries));
                console.cleared.set(cleared);
                console.history.set(persist::history_of(&kept.log));
            }
            Err(e) => {
                notices.update(|n| n.push(format!("The session cannot be brought back: {e}.")))
            }
        }
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

    // Closed sheets and dialogs are built the first time they open, not at start-up: the console
    // accepts input sooner (issue 16). Once built they stay (closing only hides them).
    let share_built = built_once(move || share.open.get());
    let tours_built = built_once(move || tours_open.get() || tour_started.with(Option::is_some));
    let help_built = built_once(move || help_open.get());
    let glossary_built = built_once(move || glossary.open.with(Option::is_some));

    // Panels below the first screen (the restore drill, the faults) are built after the first
    // paint, once the wasm's second part is there: the console accepts input sooner and their
    // code is not in the part it waits for (issue 16). Embeds never show them.
    let painted = after_first_paint(!embed);
    let below_first_screen = move || painted.get() && linked.get();

    let blocked = move || owner.state.get().blocked();
    let has_main = panels.console || panels.blocks || !steps.is_empty() || !embed;
    let has_side = panels.tenants || panels.jobs;
    // Parts an embed leaves out are hidden rather than left out of the view tree: one static
    // view type keeps the wasm much smaller than optional (generic or type-erased) branches.
    view! {
        <div id="obplay" class="app" class:embedded=embed>
            // While another tab owns the session, everything but the banners is inert.
            <div hidden=embed inert=blocked>
                <Header theme=theme help_open=help_open tours_open=tours_open share=share on_scenario=new_scenario glossary=glossary />
                {move || share_built.get().then(|| view! { <ShareDialog state=share /> })}
            </div>
            <OwnerBanner state=owner.state on_take_over=take_over on_copy=open_copy />
            <SaveBanner saver=saver unreadable=unreadable />
            <div class="fence" inert=blocked>
            <div class="notices" role="status" hidden=move || notices.with(Vec::is_empty)>
                <p>{move || notices.get().join(" ")}</p>
                <button class="btn small" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
            </div>
            <div class="fence" hidden=!controls>
                <TimeBar clock=clock on_new_seed=new_seed compact=embed />
            </div>
            <div class="fence" hidden=embed>
                <GuardBar guard=guard on_confirm=replace on_undo=undo />
            </div>
            <main class="layout" class:single=!(has_main && has_side)>
                <div class="col-main" hidden=!has_main>
                    <div class="fence" hidden=embed>
                        {move || tours_built.get().then(|| view! { <Tours open=tours_open on_start=tour_start started=tour_started on_challenge=challenge_start /> })}
                        <ChallengeCard />
                    </div>
                    <ScriptSteps steps=steps done=steps_done autoplay=autoplay on_restart=start_over />
                    <div class="fence" hidden=!panels.console>
                        <Console
                            state=console
                            readonly=readonly
                            collapse_setup=embed
                            on_tour=(!embed).then(|| Callback::new(move |()| tours_open.set(true)))
                        />
                    </div>
                    <div class="fence" hidden=!panels.blocks>
                        <BlockView clock=clock only=only_tenants.clone() />
                    </div>
                    // Below the macroblocks: the first screen keeps console, jobs and blocks
                    // together (issue 13's layout).
                    {move || below_first_screen().then(|| view! {
                        <div class="fence">
                            <RestoreDrill />
                        </div>
                        <fieldset class="fence" disabled=readonly>
                            <Faults />
                        </fieldset>
                    })}
                </div>
                <div class="col-side" hidden=!has_side>
                    <fieldset class="fence" disabled=readonly>
                        <div class="fence" hidden=!panels.jobs>
                            <JobDashboard />
                        </div>
                        <div class="fence" hidden=!panels.tenants>
                            <TenantDashboard only=only_tenants />
                        </div>
                    </fieldset>
                </div>
            </main>
            <div hidden=embed>
                {move || help_built.get().then(|| view! { <HelpSheet open=help_open /> })}
                {move || glossary_built.get().then(|| view! { <GlossaryPanel glossary=glossary /> })}
            </div>
            </div>
        </div>
    }
}

/// Becomes true (when `wanted`) in the first task after the browser has painted the page.
fn after_first_paint(wanted: bool) -> ReadSignal<bool> {
    let painted = RwSignal::new(false);
    if wanted {
        // A frame callback runs just before the paint; a timeout set there runs after it.
        request_animation_frame(move || {
            set_timeout(move || painted.set(true), std::time::Duration::ZERO);
        });
    }
    painted.read_only()
}

/// True once the whole wasm is there. A release build splits it in two (tools/split.mjs): its
/// loader sets `window.obplaySplitLinked` to false, and to true (with the event
/// `obplay:linked`) once the second part is linked. What waits for this keeps its code out of
/// the part the console waits for (issue 16). Unsplit builds (`./dev serve`, the wasm tests)
/// never set it and do not wait.
fn code_linked() -> ReadSignal<bool> {
    let linked = RwSignal::new(!split_pending());
    if !linked.get_untracked() {
        // The event comes once; the listener can stay.
        let _ = window_event_listener_untyped("obplay:linked", move |_| linked.set(true));
    }
    linked.read_only()
}

/// The wasm's second part is still on its way (`window.obplaySplitLinked === false`).
fn split_pending() -> bool {
    js_sys::Reflect::get(
        &window(),
        &wasm_bindgen::JsValue::from_str("obplaySplitLinked"),
    )
    .is_ok_and(|v| v.as_bool() == Some(false))
}

/// True from the first time `open` is true on (then it no longer tracks `open`).
fn built_once(open: impl Fn() -> bool + Send + Sync + 'static) -> Memo<bool> {
    Memo::new(move |seen: Option<&bool>| seen == Some(&true) || open())
}
