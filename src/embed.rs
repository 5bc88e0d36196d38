//! What an embed adds to the page (parameters in `embed_config`): the script's steps, each
//! with a Run button, and the content height reported to the host page.

use crate::engine::use_engine;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Real milliseconds between two steps when `autoplay=1` runs the script.
const AUTOPLAY_MS: u32 = 400;

/// The script's statements as steps (hidden when there are none). A step runs (through the console, like a dashboard
/// action) only when its Run button is pressed, or one after another with `autoplay`.
#[component]
pub fn ScriptSteps(
    steps: Vec<String>,
    /// Indexes of the steps already run (saved with the session).
    done: RwSignal<Vec<usize>>,
    autoplay: bool,
    /// Starts the embed's session again (the steps become pending).
    on_restart: Callback<()>,
) -> impl IntoView {
    let engine = use_engine();
    let steps = StoredValue::new(steps);
    let run = move |i: usize| {
        if let Some(sql) = steps.with_value(|s| s.get(i).cloned()) {
            engine.run_sql.run(sql);
            done.update(|d| {
                if !d.contains(&i) {
                    d.push(i);
                }
            });
        }
    };
    if autoplay {
        autoplay_from(0, steps, done, run);
    }
    let items = steps.with_value(|s| {
        s.iter()
            .enumerate()
            .map(|(i, sql)| {
                let is_done = move || done.with(|d| d.contains(&i));
                view! {
                    <li class="step" class:done=is_done>
                        <pre class="step-sql"><code>{sql.clone()}</code></pre>
                        <button
                            class="btn small"
                            aria-label=format!("Run step {}", i + 1)
                            title=sql.clone()
                            on:click=move |_| run(i)
                        >
                            {move || if is_done() { "Run again" } else { "Run" }}
                        </button>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <section class="panel steps" aria-label="Script steps" hidden=steps.with_value(Vec::is_empty)>
            <div class="steps-head">
                <h2>"Steps"</h2>
                <button class="btn small" on:click=move |_| on_restart.run(())>"Start over"</button>
            </div>
            <ol>{items}</ol>
        </section>
    }
}

/// Runs the first pending step at or after `from`, then schedules the next one.
fn autoplay_from(
    from: usize,
    steps: StoredValue<Vec<String>>,
    done: RwSignal<Vec<usize>>,
    run: impl Fn(usize) + Copy + 'static,
) {
    let total = steps.with_value(Vec::len);
    let next = (from..total).find(|i| !done.with_untracked(|d| d.contains(i)));
    if let Some(i) = next {
        gloo_timers::callback::Timeout::new(AUTOPLAY_MS, move || {
            run(i);
            autoplay_from(i + 1, steps, done, run);
        })
        .forget();
    }
}

/// Posts `{type: 'obplay:height', height}` to the host page now and whenever the height of
/// `root` (the whole page content) changes.
pub fn report_height(root: web_sys::Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let last = std::cell::Cell::new(0i32);
    let target = root.clone();
    let post = move || {
        let h = target.scroll_height();
        if h == last.replace(h) {
            return;
        }
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"obplay:height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from(h));
        // The height is no secret: any host page may read it.
        let _ = parent.post_message(&msg, "*");
    };
    post();
    let observer = Closure::<dyn FnMut()>::new(post);
    if let Ok(ro) = web_sys::ResizeObserver::new(observer.as_ref().unchecked_ref()) {
        ro.observe(&root);
    }
    observer.forget();
}
