//! Time controls: play/pause (Space), single step, speed on a log scale (0.1×–1000×), the
//! simulated clock and SCN, and the seed.

use crate::engine::use_engine;
use crate::format;
use crate::glossary::Term;
use leptos::prelude::*;
use obsim::calendar::format_datetime;
use obsim::session_log::Fault;
use obsim::workload::Level;

/// Play state shared with the page (keyboard shortcuts, persistence).
#[derive(Clone, Copy)]
pub struct Clock {
    pub playing: RwSignal<bool>,
    pub speed: RwSignal<f64>,
}

/// Real milliseconds between ticks of the play loop.
pub const TICK_MS: u32 = 100;

/// The time bar's texts, in one place.
mod text {
    pub fn time_limit() -> String {
        format!(
            "Simulated time stops at day {}, the longest a session may run. To go on, start a new session: pick a scenario and press Start, or enter a seed and press New run.",
            obsim::limits::MAX_SPAN_DAYS
        )
    }
    pub const PLAY: &str = "Play";
    pub const PAUSE: &str = "Pause";
    pub const STEP: &str = "Step +1 s";
    pub const WORKLOAD: &str = "Workload";
    pub const WORKLOAD_TITLE: &str = "Background writes of an application to every user tenant: off, light (1 write a second: incrementals stay small) or busy (20 a second). Recorded in the session.";
    pub fn level(l: obsim::workload::Level) -> String {
        use obsim::workload::Level;
        match l {
            Level::Off => "Off".into(),
            Level::Light => "Light".into(),
            Level::Busy => "Busy".into(),
            Level::Custom(r) => format!("{r} writes/s"),
        }
    }
}

#[component]
pub fn TimeBar(
    clock: Clock,
    on_new_seed: Callback<u64>,
    /// Embeds: time controls only, no seed form.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let engine = use_engine();
    let now = move || engine.read(|sh| sh.cluster.now());
    let scn = move || engine.read(|sh| sh.cluster.current_scn());
    let seed = move || engine.read(|sh| sh.cluster.seed());
    let seed_input = RwSignal::new(String::new());
    let step = move |_| engine.act(|sh| sh.cluster.advance(1_000_000));
    let at_limit = move || engine.read(|sh| sh.cluster.at_time_limit());
    let level = move || engine.read(|sh| Level::of_rate(sh.cluster.workload_rate()));
    view! {
        <section class="timebar" aria-label="Simulated time">
            <button
                class="btn primary"
                aria-keyshortcuts="Space"
                disabled=at_limit
                on:click=move |_| clock.playing.update(|p| *p = !*p)
            >
                {move || if clock.playing.get() { text::PAUSE } else { text::PLAY }}
            </button>
            <button class="btn" on:click=step disabled=at_limit aria-keyshortcuts="Shift+ArrowRight" title="Advance 1 simulated second">
                {text::STEP}
            </button>
            <label class="speed">
                <span>"Speed"</span>
                <input
                    type="range"
                    min="0"
                    max="100"
                    step="1"
                    aria-valuetext=move || format::speed(clock.speed.get())
                    prop:value=move || format::slider_from_speed(clock.speed.get()).to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                            clock.speed.set(format::speed_from_slider(f64::from(v)));
                        }
                    }
                />
                <output data-testid="speed">{move || format::speed(clock.speed.get())}</output>
            </label>
            <label class="workload" title=text::WORKLOAD_TITLE>
                <span>{text::WORKLOAD}</span>
                <select
                    data-testid="workload"
                    prop:value=move || level().name()
                    on:change=move |ev| {
                        if let Some(l) = Level::parse(&event_target_value(&ev))
                            && l != level()
                        {
                            engine.act(|sh| sh.inject(Fault::Workload { rate: l.rate() }));
                        }
                    }
                >
                    {Level::CHOICES
                        .iter()
                        .map(|l| view! { <option value=l.name()>{text::level(*l)}</option> })
                        .collect_view()}
                    <option
                        value=move || level().name()
                        hidden=move || !matches!(level(), Level::Custom(_))
                        disabled=move || !matches!(level(), Level::Custom(_))
                    >
                        {move || text::level(level())}
                    </option>
                </select>
            </label>
            <span class="clock" data-testid="sim-clock" title="Simulated time (+08:00)">
                {move || format_datetime(now() as i64, false)}
            </span>
            <span class="scn"><Term id="scn">"SCN"</Term> " " <span data-testid="sim-scn">{scn}</span></span>
            <form
                class="seed"
                hidden=compact
                on:submit=move |ev| {
                    ev.prevent_default();
                    if let Ok(s) = seed_input.get().trim().parse::<u64>() {
                        on_new_seed.run(s);
                        seed_input.set(String::new());
                    }
                }
            >
                <label>
                    "Seed "
                    <input
                        type="number"
                        min="0"
                        inputmode="numeric"
                        placeholder=move || seed().to_string()
                        prop:value=move || seed_input.get()
                        on:input=move |ev| seed_input.set(event_target_value(&ev))
                        aria-label="New seed"
                    />
                </label>
                <button class="btn" type="submit">"New run"</button>
            </form>
            <p class="time-limit" role="status" data-testid="time-limit" hidden=move || !at_limit()>
                {text::time_limit()}
            </p>
        </section>
    }
}
