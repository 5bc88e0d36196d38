#![cfg(target_arch = "wasm32")]
//! The restorable-window timeline (issue 14 §1) mounted in headless Chromium over shells brought
//! to known states by SQL: what it draws (rounds, the gap where archiving stopped, pieces, sets
//! tied to their base, the reachable intervals) is where the engine's timeline puts it, and a
//! pick shows the engine's plan or error and only hands a statement on when there is one.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use obplay::dashboard::RestoreDrill;
use obplay::dashboard::drill::Timeline;
use obplay::dashboard::timeline::{W, x_of};
use obplay::engine::Engine;
use obsim::restore::drill::RestorePick;
use obsim::shell::Shell;
use std::sync::{Arc, Mutex};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DESTS: &str = "\
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;
SELECT SLEEP(10);
";

/// A full backup, archiving stopped and started again (a second round, a gap between), an
/// incremental on the full in the second round.
const GAP: &str = "\
ALTER SYSTEM BACKUP TENANT = mysql_tenant;
SELECT SLEEP(150);
ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant;
SELECT SLEEP(60);
ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;
SELECT SLEEP(30);
ALTER SYSTEM BACKUP INCREMENTAL TENANT = mysql_tenant;
SELECT SLEEP(150);
";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn shell_after(script: &str) -> Shell {
    let mut shell = Shell::new(obplay::DEFAULT_SEED);
    let (entries, rest) = shell.run(script);
    for e in &entries {
        assert!(!e.is_error, "{}{}", e.input, e.output);
    }
    assert!(rest.is_empty(), "unterminated: {rest}");
    shell
}

struct Page {
    root: web_sys::Element,
    engine: Engine,
    sent: Arc<Mutex<Vec<String>>>,
}

impl Page {
    async fn mount(shell: Shell) -> Page {
        let container = document().create_element("div").unwrap();
        // A known width, so positions in the drawing map to pixels.
        container.set_attribute("style", "width: 800px").unwrap();
        document().body().unwrap().append_child(&container).unwrap();
        let sent = Arc::new(Mutex::new(Vec::new()));
        let log = sent.clone();
        let engine = Engine {
            shell: StoredValue::new(shell),
            rev: RwSignal::new(0),
            run_sql: Callback::new(move |sql: String| log.lock().unwrap().push(sql)),
        };
        let el: web_sys::HtmlElement = container.clone().unchecked_into();
        leptos::mount::mount_to(el, move || {
            provide_context(engine);
            view! { <RestoreDrill /> }
        })
        .forget();
        TimeoutFuture::new(0).await;
        Page {
            root: container,
            engine,
            sent,
        }
    }

    fn all(&self, sel: &str) -> Vec<web_sys::Element> {
        let list = self.root.query_selector_all(sel).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into())
            .collect()
    }

    fn find(&self, sel: &str) -> web_sys::Element {
        self.root
            .query_selector(sel)
            .unwrap()
            .unwrap_or_else(|| panic!("no {sel}"))
    }

    fn text(&self, sel: &str) -> String {
        self.find(sel).text_content().unwrap_or_default()
    }

    fn timeline(&self, tenant: &str) -> Timeline {
        self.engine.shell.with_value(|sh| {
            let id = sh.cluster.tenant_by_name(tenant).unwrap().id;
            Timeline::read(&sh.cluster, id).unwrap()
        })
    }

    /// A click on `sel` at drawing X `x` (None: the element's middle).
    async fn click_at(&self, sel: &str, x: Option<f64>) {
        let el = self.find(sel);
        let svg = self.find(".timeline[data-tenant=mysql_tenant] .timeline-svg");
        let r = svg.get_bounding_client_rect();
        let b = el.get_bounding_client_rect();
        let client_x = match x {
            Some(x) => r.left() + x / W * r.width(),
            None => b.left() + b.width() / 2.0,
        };
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init.set_client_x(client_x.round() as i32);
        init.set_client_y((b.top() + b.height() / 2.0) as i32);
        let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
        el.dispatch_event(&ev).unwrap();
        TimeoutFuture::new(0).await;
    }

    fn attr(el: &web_sys::Element, name: &str) -> f64 {
        el.get_attribute(name).unwrap().parse().unwrap()
    }
}

#[wasm_bindgen_test]
async fn without_a_set_or_a_round_there_is_no_timeline() {
    let page = Page::mount(Shell::new(obplay::DEFAULT_SEED)).await;
    assert!(page.all(".timeline").is_empty());
    assert!(
        page.text(".dash-restore")
            .contains("No tenant has a backup set")
    );
    assert!(
        page.text("[data-testid=restore-jobs]")
            .contains("No restore yet.")
    );
}

#[wasm_bindgen_test]
async fn rounds_the_gap_sets_with_their_chain_and_the_intervals_are_drawn_where_the_engine_puts_them()
 {
    let page = Page::mount(shell_after(&format!("{DESTS}{GAP}"))).await;
    let tl = page.timeline("mysql_tenant");
    let sel = |inner: &str| format!(".timeline[data-tenant=mysql_tenant] {inner}");
    // Two rounds and the gap between them.
    assert_eq!(tl.rounds.len(), 2, "{:?}", tl.rounds);
    assert_eq!(page.all(&sel(".tl-round")).len(), 2);
    let gaps = page.all(&sel("[data-testid=timeline-gap]"));
    assert_eq!(gaps.len(), 1);
    assert_eq!(tl.gaps.len(), 1);
    let gap_x = Page::attr(&gaps[0], "x");
    assert!((gap_x - x_of(&tl, tl.gaps[0].0)).abs() < 0.1, "{gap_x}");
    // A piece per engine piece.
    assert_eq!(page.all(&sel("[data-piece]")).len(), tl.pieces.len());
    assert!(!tl.pieces.is_empty());
    // The full and the incremental at their MIN_RESTORE_SCN, the incremental tied to the full.
    assert_eq!(tl.sets.len(), 2, "{:?}", tl.sets);
    let full = page.find(&sel("[data-set='1'] circle"));
    assert!((Page::attr(&full, "cx") - x_of(&tl, tl.sets[0].min_restore)).abs() < 0.1);
    let inc = page.find(&sel("[data-set='2'] rect"));
    assert!((Page::attr(&inc, "x") + 5.0 - x_of(&tl, tl.sets[1].min_restore)).abs() < 0.1);
    assert_eq!(tl.sets[1].base, 1);
    assert_eq!(page.all(&sel(".tl-chain")).len(), 1);
    // The shaded intervals are the engine's window: one before the gap, one after.
    let shaded = page.all(&sel("[data-testid=timeline-interval]"));
    assert_eq!(shaded.len(), tl.intervals.len());
    assert_eq!(tl.intervals.len(), 2, "{:?}", tl.intervals);
    for (el, (a, b)) in shaded.iter().zip(&tl.intervals) {
        assert_eq!(el.get_attribute("data-from").unwrap(), a.to_string());
        assert_eq!(el.get_attribute("data-to").unwrap(), b.to_string());
        assert!((Page::attr(el, "x") - x_of(&tl, *a)).abs() < 0.1);
    }
    // The gap is outside both.
    assert!(tl.intervals[0].1 <= tl.gaps[0].0 && tl.gaps[0].1 <= tl.intervals[1].0);
}

#[wasm_bindgen_test]
async fn a_set_picks_its_moment_and_the_button_hands_on_the_engines_statement() {
    let page = Page::mount(shell_after(&format!("{DESTS}{GAP}"))).await;
    let sel = |inner: &str| format!(".timeline[data-tenant=mysql_tenant] {inner}");
    page.click_at(&sel("[data-set='2']"), None).await;
    let (expected, id, min) = page.engine.shell.with_value(|sh| {
        let id = sh.cluster.tenant_by_name("mysql_tenant").unwrap().id;
        let t = sh.cluster.restore_timeline(id).unwrap();
        let min = t.sets[1].min_restore_scn;
        (sh.cluster.pick_restore_target(id, min).unwrap(), id, min)
    });
    let RestorePick::Ok(plan) = expected else {
        panic!("the incremental's MIN_RESTORE_SCN is reachable (tenant {id}, {min})")
    };
    assert_eq!(page.text(&sel("[data-testid=pick-time]")), plan.until_time);
    assert_eq!(
        page.text(&sel("[data-testid=pick-sets]")),
        plan.set_paths.join(", ")
    );
    assert_eq!(
        page.text(&sel("[data-testid=pick-pieces]")),
        plan.piece_paths.join(", ")
    );
    let sql = page.text(&sel("[data-testid=pick-sql]"));
    assert!(sql.ends_with(&plan.statement), "{sql}");
    // Nothing ran until the button; then only the text is handed on (no Typist here: run_sql).
    assert!(page.sent.lock().unwrap().is_empty());
    let button: web_sys::HtmlElement = page.find(&sel("[data-action=restore]")).unchecked_into();
    button.click();
    TimeoutFuture::new(0).await;
    assert_eq!(*page.sent.lock().unwrap(), vec![sql]);
    assert!(
        page.engine
            .shell
            .with_value(|sh| sh.cluster.restore.jobs.is_empty())
    );
}

#[wasm_bindgen_test]
async fn a_moment_in_the_gap_shows_the_engines_error_and_offers_nothing_to_run() {
    let page = Page::mount(shell_after(&format!("{DESTS}{GAP}"))).await;
    let tl = page.timeline("mysql_tenant");
    let sel = |inner: &str| format!(".timeline[data-tenant=mysql_tenant] {inner}");
    let (a, b) = tl.gaps[0];
    let mid = a + (b - a) / 2;
    page.click_at(&sel(".timeline-svg"), Some(x_of(&tl, mid)))
        .await;
    let picked: u64 = page
        .find(&sel("[data-testid=pick] span[translate=no]"))
        .text_content()
        .unwrap()
        .parse()
        .unwrap();
    assert!(a < picked && picked < b, "{a} < {picked} < {b}");
    let expected = page.engine.shell.with_value(|sh| {
        let id = sh.cluster.tenant_by_name("mysql_tenant").unwrap().id;
        sh.cluster.pick_restore_target(id, picked).unwrap()
    });
    let RestorePick::Err { error, .. } = expected else {
        panic!("a moment in the gap is outside the window")
    };
    assert_eq!(page.text(&sel("[data-testid=pick-error]")).trim(), error);
    assert!(error.starts_with("ERROR 4018 (HY000)"), "{error}");
    assert!(
        page.text(&sel("[data-testid=timeline-hover]"))
            .contains("outside the restorable window")
    );
    let restore: web_sys::HtmlElement = page.find(&sel("[data-action=restore]")).unchecked_into();
    assert!(restore.offset_parent().is_none(), "no statement to hand on");
    assert!(page.sent.lock().unwrap().is_empty());
}
