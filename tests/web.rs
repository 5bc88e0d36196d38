#![cfg(target_arch = "wasm32")]
//! The app mounted in headless Chromium (wasm-bindgen-test): the console as a user drives it.

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

thread_local! {
    /// The app mounted last: unmounted (which releases its hold on the session) before the
    /// next test mounts its own.
    static MOUNTED: std::cell::RefCell<Option<Box<dyn std::any::Any>>> = const { std::cell::RefCell::new(None) };
}

/// Mounts a fresh app (no saved session) into its own container. The app's ids are unique per
/// page, so each test unmounts the previous app and removes its container first.
async fn mount_app() -> web_sys::Element {
    MOUNTED.with(|m| m.borrow_mut().take());
    obplay::persist::clear(obplay::persist::KEY);
    if let Some(old) = document().get_element_by_id("test-root") {
        old.remove();
    }
    let container = document().create_element("div").unwrap();
    container.set_id("test-root");
    document().body().unwrap().append_child(&container).unwrap();
    let el: web_sys::HtmlElement = container.clone().unchecked_into();
    let handle = leptos::mount::mount_to(el, obplay::app::App);
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
    TimeoutFuture::new(0).await;
    container
}

fn textarea(root: &web_sys::Element) -> web_sys::HtmlTextAreaElement {
    root.query_selector("#sql-input")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

async fn type_text(root: &web_sys::Element, text: &str) {
    let ta = textarea(root);
    ta.set_value(text);
    let len = text.encode_utf16().count() as u32;
    ta.set_selection_range(len, len).unwrap();
    ta.dispatch_event(
        &web_sys::Event::new_with_event_init_dict("input", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        })
        .unwrap(),
    )
    .unwrap();
    TimeoutFuture::new(0).await;
}

async fn key(root: &web_sys::Element, key: &str, shift: bool, ctrl: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_ctrl_key(ctrl);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    textarea(root).dispatch_event(&ev).unwrap();
    TimeoutFuture::new(0).await;
}

fn entries(root: &web_sys::Element) -> Vec<(String, String)> {
    let list = root
        .query_selector_all("[data-testid=transcript] .entry")
        .unwrap();
    (0..list.length())
        .map(|i| {
            let e: web_sys::Element = list.item(i).unwrap().unchecked_into();
            let echo = e
                .query_selector(".echo")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap_or_default();
            let out = e
                .query_selector(".out")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap_or_default();
            (echo, out)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn enter_runs_a_complete_statement_and_prints_obclient_output() {
    let root = mount_app().await;
    type_text(
        &root,
        "SELECT TENANT_ID, COMPATIBILITY_MODE FROM DBA_OB_TENANTS WHERE TENANT_TYPE = 'USER';",
    )
    .await;
    key(&root, "Enter", false, false).await;
    let e = entries(&root);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].0
            .starts_with("obclient(root@sys)[oceanbase]> SELECT TENANT_ID"),
        "{}",
        e[0].0
    );
    assert!(
        e[0].1.contains("|      1002 | MYSQL              |"),
        "{}",
        e[0].1
    );
    assert!(
        e[0].1.contains("|      1004 | ORACLE             |"),
        "{}",
        e[0].1
    );
    assert!(e[0].1.contains("2 rows in set ("));
    assert_eq!(textarea(&root).value(), "");
}

#[wasm_bindgen_test]
async fn enter_on_an_unfinished_statement_waits_for_the_terminator() {
    let root = mount_app().await;
    type_text(&root, "SELECT 1 +").await;
    key(&root, "Enter", false, false).await;
    assert!(entries(&root).is_empty(), "no terminator yet: nothing runs");
    type_text(&root, "SELECT 1 +\n  2\\G").await;
    key(&root, "Enter", false, false).await;
    let e = entries(&root);
    assert_eq!(e.len(), 1);
    assert!(e[0].0.contains("SELECT 1 +\n    ->   2\\G"), "{:?}", e[0].0);
    assert!(
        e[0].1.starts_with("*************************** 1. row"),
        "{}",
        e[0].1
    );
}

#[wasm_bindgen_test]
async fn up_and_down_walk_the_history_and_ctrl_c_drops_the_input() {
    let root = mount_app().await;
    for sql in ["SELECT 1;", "SELECT 2;"] {
        type_text(&root, sql).await;
        key(&root, "Enter", false, false).await;
    }
    type_text(&root, "draft").await;
    key(&root, "ArrowUp", false, false).await;
    assert_eq!(textarea(&root).value(), "SELECT 2;");
    key(&root, "ArrowUp", false, false).await;
    assert_eq!(textarea(&root).value(), "SELECT 1;");
    key(&root, "ArrowDown", false, false).await;
    key(&root, "ArrowDown", false, false).await;
    assert_eq!(textarea(&root).value(), "draft");
    key(&root, "c", false, true).await;
    assert_eq!(textarea(&root).value(), "");
    key(&root, "l", false, true).await;
    assert!(entries(&root).is_empty(), "Ctrl+L clears the transcript");
}

#[wasm_bindgen_test]
async fn tab_completes_views_tenants_and_parameters() {
    let root = mount_app().await;
    type_text(&root, "SELECT * FROM DBA_OB_BACKUP_JOB_HI").await;
    key(&root, "Tab", false, false).await;
    assert_eq!(
        textarea(&root).value(),
        "SELECT * FROM DBA_OB_BACKUP_JOB_HISTORY "
    );
    type_text(&root, "ALTER SYSTEM SET ha_low").await;
    key(&root, "Tab", false, false).await;
    assert_eq!(
        textarea(&root).value(),
        "ALTER SYSTEM SET ha_low_thread_score "
    );
    type_text(&root, "ALTER SYSTEM BACKUP TENANT = oracle_t").await;
    key(&root, "Tab", false, false).await;
    assert_eq!(
        textarea(&root).value(),
        "ALTER SYSTEM BACKUP TENANT = oracle_tenant "
    );
}

#[wasm_bindgen_test]
async fn user_text_is_shown_as_text_never_as_html() {
    let root = mount_app().await;
    type_text(
        &root,
        "SELECT '<img src=x onerror=alert(1)><b>bold</b>' AS x;",
    )
    .await;
    key(&root, "Enter", false, false).await;
    let transcript = root
        .query_selector("[data-testid=transcript]")
        .unwrap()
        .unwrap();
    assert!(
        transcript.query_selector("img, b").unwrap().is_none(),
        "no element from user text"
    );
    assert!(entries(&root)[0].1.contains("<b>bold</b>"));
    let highlight = root.query_selector(".highlight").unwrap().unwrap();
    type_text(&root, "SELECT '<i>x</i>'").await;
    assert!(highlight.query_selector("i").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn connect_switches_the_prompt() {
    let root = mount_app().await;
    type_text(&root, "connect root@mysql_tenant").await;
    key(&root, "Enter", false, false).await;
    let e = entries(&root);
    assert!(
        e[0].1.starts_with("Welcome to the OceanBase."),
        "{}",
        e[0].1
    );
    let prompt = root
        .query_selector(".input-row .prompt")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(prompt, "obclient(root@mysql_tenant)[oceanbase]> ");
}

#[wasm_bindgen_test]
async fn header_shows_version_and_seed_from_the_engine() {
    let root = mount_app().await;
    let text = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(text("[data-testid=cluster-version]"), "OceanBase 4.3.3.0");
    assert_eq!(
        text("[data-testid=seed]"),
        format!("seed {}", obplay::DEFAULT_SEED)
    );
}

fn shown(root: &web_sys::Element, sel: &str) -> bool {
    root.query_selector(sel)
        .unwrap()
        .is_some_and(|e| !e.unchecked_into::<web_sys::HtmlElement>().hidden())
}

fn text_of(root: &web_sys::Element, sel: &str) -> String {
    root.query_selector(sel)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_long_transcript_shows_its_latest_entries_and_pages_back() {
    let root = mount_app().await;
    type_text(&root, &"SELECT 1;\n".repeat(450)).await;
    key(&root, "Enter", false, false).await;
    assert_eq!(entries(&root).len(), obplay::console::WINDOW);
    assert!(shown(&root, "[data-testid=show-earlier]"));
    assert_eq!(
        text_of(&root, "[data-testid=show-earlier]"),
        "Show earlier (250 more)"
    );
    let earlier: web_sys::HtmlElement = root
        .query_selector("[data-testid=show-earlier]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    earlier.click();
    TimeoutFuture::new(0).await;
    assert_eq!(entries(&root).len(), 400);
    earlier.click();
    TimeoutFuture::new(0).await;
    assert_eq!(entries(&root).len(), 450);
    assert!(!shown(&root, "[data-testid=show-earlier]"));
    // The newest entry is the last one shown, and a new statement appears after it.
    type_text(&root, "SELECT 2;").await;
    key(&root, "Enter", false, false).await;
    let e = entries(&root);
    assert_eq!(e.len(), 451);
    assert!(e[450].0.ends_with("SELECT 2;"), "{}", e[450].0);
}

#[wasm_bindgen_test]
async fn a_statement_past_the_session_limit_is_refused_and_stays_in_the_input() {
    let root = mount_app().await;
    let huge = format!(
        "SELECT '{}';",
        "x".repeat(obsim::limits::MAX_TEXT_BYTES + 1)
    );
    type_text(&root, &huge).await;
    key(&root, "Enter", false, false).await;
    assert!(entries(&root).is_empty(), "nothing ran");
    assert!(shown(&root, "[data-testid=console-refused]"));
    assert!(
        text_of(&root, "[data-testid=console-refused]").contains("past 4 MB of statements"),
        "{}",
        text_of(&root, "[data-testid=console-refused]")
    );
    assert_eq!(
        textarea(&root).value().len(),
        huge.len(),
        "still in the input"
    );
    // Shown as plain text: no highlighting spans for megabytes.
    assert!(root.query_selector(".highlight .kw").unwrap().is_none());
    // Editing the input takes the notice away; a statement that fits runs.
    type_text(&root, "SELECT 1;").await;
    assert!(!shown(&root, "[data-testid=console-refused]"));
    key(&root, "Enter", false, false).await;
    assert_eq!(entries(&root).len(), 1);
}

#[wasm_bindgen_test]
async fn tab_completion_looks_only_before_the_caret_in_a_huge_input() {
    let root = mount_app().await;
    let long = format!("{} SELECT * FROM DBA_OB_BACKUP_JOB_HI", "x".repeat(30_000));
    type_text(&root, &long).await;
    key(&root, "Tab", false, false).await;
    assert!(
        textarea(&root)
            .value()
            .ends_with(" SELECT * FROM DBA_OB_BACKUP_JOB_HISTORY "),
        "completed"
    );
}

#[wasm_bindgen_test]
async fn simulated_time_stops_at_day_90_with_a_notice() {
    let root = mount_app().await;
    assert!(!shown(&root, "[data-testid=time-limit]"));
    type_text(&root, &"SELECT SLEEP(86400);\n".repeat(91)).await;
    key(&root, "Enter", false, false).await;
    TimeoutFuture::new(0).await;
    assert!(shown(&root, "[data-testid=time-limit]"));
    assert!(
        text_of(&root, "[data-testid=time-limit]").contains("Simulated time stops at day 90"),
        "{}",
        text_of(&root, "[data-testid=time-limit]")
    );
    let play = root
        .query_selector(".timebar .btn.primary")
        .unwrap()
        .unwrap();
    assert!(
        play.has_attribute("disabled"),
        "Play is disabled at the limit"
    );
}

fn click(root: &web_sys::Element, sel: &str) {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("{sel} is on the page"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

/// Picks `name` in the scenario picker and presses Start.
async fn start_scenario(root: &web_sys::Element, name: &str) {
    let select: web_sys::HtmlSelectElement = root
        .query_selector("#scenario-select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value(name);
    select
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
    click(root, ".scenario-picker button[type=submit]");
    TimeoutFuture::new(0).await;
}

#[wasm_bindgen_test]
async fn switching_scenario_after_a_statement_shows_only_the_new_sessions_transcript() {
    let root = mount_app().await;
    type_text(&root, "SELECT 'typed before the switch';").await;
    key(&root, "Enter", false, false).await;
    assert_eq!(entries(&root).len(), 1);
    start_scenario(&root, "ready").await;
    // The session had a statement: the page asks first.
    assert!(shown(&root, "[data-testid=confirm-replace]"));
    assert_eq!(
        entries(&root).len(),
        1,
        "nothing replaced before the answer"
    );
    click(&root, "[data-testid=confirm-replace] .btn.primary");
    TimeoutFuture::new(50).await;
    let (_, prelude) = obsim::replay::start(obplay::DEFAULT_SEED, "ready").unwrap();
    let e = entries(&root);
    assert_eq!(e.len(), prelude.len(), "{e:?}");
    for (shown, want) in e.iter().zip(&prelude) {
        assert!(
            shown.0.ends_with(&want.input),
            "{} vs {}",
            shown.0,
            want.input
        );
        assert_eq!(shown.1, want.output);
    }
    assert!(
        !e.iter().any(|x| x.0.contains("typed before the switch")),
        "a statement of the old session"
    );
    // Undo brings the old session back.
    assert!(shown(&root, "[data-testid=undo-bar]"));
    click(&root, "[data-testid=undo]");
    TimeoutFuture::new(50).await;
    let e = entries(&root);
    assert_eq!(e.len(), 1);
    assert!(e[0].0.contains("typed before the switch"));
}

#[wasm_bindgen_test]
async fn esc_leaves_the_input_and_tab_completes_only_a_word() {
    let root = mount_app().await;
    let ta = textarea(&root);
    ta.focus().unwrap();
    key(&root, "Escape", false, false).await;
    let active = document().active_element().unwrap();
    assert_eq!(
        active.get_attribute("data-testid").as_deref(),
        Some("transcript")
    );
    // Tab with nothing typed is left to the browser (focus moves); with a word it completes.
    ta.focus().unwrap();
    type_text(&root, "").await;
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Tab");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    ta.dispatch_event(&ev).unwrap();
    assert!(!ev.default_prevented(), "an empty input does not keep Tab");
    type_text(&root, "SELECT * FROM DBA_OB_BACKUP_JOB_HI").await;
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    ta.dispatch_event(&ev).unwrap();
    assert!(ev.default_prevented());
    assert_eq!(ta.value(), "SELECT * FROM DBA_OB_BACKUP_JOB_HISTORY ");
}

#[wasm_bindgen_test]
async fn a_recalled_statement_keeps_its_terminator_and_hints_show_under_errors() {
    let root = mount_app().await;
    type_text(
        &root,
        "ALTER SYSTEM BACKUP PLUS ARCHIVELOG TENANT = mysql_tenant;",
    )
    .await;
    key(&root, "Enter", false, false).await;
    let e = entries(&root);
    assert!(e[0].1.starts_with("ERROR 1064 (42000)"), "{}", e[0].1);
    assert!(
        text_of(&root, "[data-testid=hint]")
            .contains("ALTER SYSTEM BACKUP TENANT = mysql_tenant PLUS ARCHIVELOG;"),
        "{}",
        text_of(&root, "[data-testid=hint]")
    );
    click(&root, ".entry .recall");
    TimeoutFuture::new(0).await;
    assert_eq!(
        textarea(&root).value(),
        "ALTER SYSTEM BACKUP PLUS ARCHIVELOG TENANT = mysql_tenant;"
    );
}
