#![cfg(target_arch = "wasm32")]
//! The macroblock view mounted in headless Chromium over shells brought to known states by SQL:
//! its counts, pixels, chain and tooltip must say what `obsim::blockmap` says.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use obplay::blocks::BlockView;
use obplay::blocks::draw::{Grid, parse_hex};
use obplay::engine::Engine;
use obplay::timebar::Clock;
use obsim::ClusterOptions;
use obsim::blockmap::{self, CHANGED, COPIED, COPYING, LIT};
use obsim::shell::Shell;
use obsim::sim::SECOND;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const T: u64 = 1002;
const BLOCKS: u32 = 1024;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// mysql_tenant ready for backup, workload off, logged on as its root.
fn ready_shell() -> Shell {
    let mut sh = Shell::with_options(
        42,
        ClusterOptions {
            macro_blocks_per_tenant: BLOCKS,
            workload_rate: 0,
        },
    );
    let (entries, rest) = sh.run(
        "connect root@mysql_tenant\n\
         ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///b/archive';\n\
         ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///b/data';\n\
         ALTER SYSTEM ARCHIVELOG;\n\
         CREATE DATABASE shop;\n\
         CREATE TABLE shop.t (id INT PRIMARY KEY, v INT);\n\
         SELECT SLEEP(10);\n",
    );
    assert!(rest.is_empty());
    for e in &entries {
        assert!(!e.is_error, "{}{}", e.input, e.output);
    }
    sh
}

struct Page {
    root: web_sys::Element,
    engine: Engine,
}

impl Page {
    async fn mount(shell: Shell) -> Page {
        if document().get_element_by_id("blocks-css").is_none() {
            let style = document().create_element("style").unwrap();
            style.set_id("blocks-css");
            style.set_text_content(Some(include_str!("../style/blocks.css")));
            document().head().unwrap().append_child(&style).unwrap();
        }
        let container = document().create_element("div").unwrap();
        container.set_attribute("style", "width: 800px").unwrap();
        document().body().unwrap().append_child(&container).unwrap();
        let engine = Engine {
            shell: StoredValue::new(shell),
            rev: RwSignal::new(0),
            run_sql: Callback::new(|_: String| {}),
        };
        let clock = Clock {
            playing: RwSignal::new(false),
            speed: RwSignal::new(10.0),
        };
        let el: web_sys::HtmlElement = container.clone().unchecked_into();
        leptos::mount::mount_to(el, move || {
            provide_context(engine);
            view! { <BlockView clock=clock /> }
        })
        .forget();
        let page = Page {
            root: container,
            engine,
        };
        page.frames().await;
        page
    }

    /// Lets Leptos render and a few animation frames run.
    async fn frames(&self) {
        TimeoutFuture::new(80).await;
    }

    async fn run(&self, sql: &str) {
        let entries = self.engine.write(|sh| sh.run(sql).0).unwrap();
        for e in &entries {
            assert!(!e.is_error, "{}{}", e.input, e.output);
        }
        self.frames().await;
    }

    async fn advance(&self, micros: u64) {
        self.engine.write(|sh| sh.cluster.advance(micros));
        self.frames().await;
    }

    fn find(&self, sel: &str) -> web_sys::Element {
        self.root
            .query_selector(sel)
            .unwrap()
            .unwrap_or_else(|| panic!("no {sel}"))
    }

    fn figure(&self) -> web_sys::Element {
        self.find("figure[data-tenant=mysql_tenant]")
    }

    fn counts(&self) -> String {
        self.figure().get_attribute("data-counts").unwrap()
    }

    fn engine_counts(&self) -> (Vec<u8>, blockmap::Counts) {
        self.engine.shell.with_value(|sh| {
            let mut buf = vec![0; BLOCKS as usize];
            let c = blockmap::fill_states(&sh.cluster, T, &mut buf).unwrap();
            (buf, c)
        })
    }

    fn canvas(&self) -> web_sys::HtmlCanvasElement {
        self.find("figure[data-tenant=mysql_tenant] canvas")
            .unchecked_into()
    }

    /// The grid the view laid out (same layout, same width).
    fn grid(&self) -> Grid {
        let layout = self
            .engine
            .shell
            .with_value(|sh| blockmap::layout(&sh.cluster, T).unwrap());
        Grid::new(&layout, self.canvas().width())
    }

    fn pixel(&self, block: u32) -> [u8; 4] {
        let (x, y) = self.grid().cell_of(block).unwrap();
        let ctx: web_sys::CanvasRenderingContext2d = self
            .canvas()
            .get_context("2d")
            .unwrap()
            .unwrap()
            .unchecked_into();
        let d = ctx
            .get_image_data(f64::from(x), f64::from(y), 1.0, 1.0)
            .unwrap()
            .data();
        [d[0], d[1], d[2], d[3]]
    }

    fn css(&self, var: &str) -> [u8; 4] {
        let style = web_sys::window()
            .unwrap()
            .get_computed_style(&self.canvas())
            .unwrap()
            .unwrap();
        parse_hex(&style.get_property_value(var).unwrap()).unwrap()
    }
}

#[wasm_bindgen_test]
async fn each_tenant_has_a_canvas_and_the_counts_the_engine_gives() {
    let page = Page::mount(ready_shell()).await;
    let figures = page.root.query_selector_all("figure[data-tenant]").unwrap();
    assert_eq!(figures.length(), 2);
    assert!(
        page.find("[data-testid=block-view] h2")
            .text_content()
            .unwrap()
            .contains("Macroblocks")
    );
    assert_eq!(page.counts(), page.engine_counts().1.text());
    assert!(
        page.counts()
            .starts_with(&format!("unchanged={BLOCKS} changed=0"))
    );
    assert_eq!(page.pixel(500), page.css("--blk-unchanged"));
}

#[wasm_bindgen_test]
async fn dml_lights_the_blocks_it_changed() {
    let page = Page::mount(ready_shell()).await;
    page.run("INSERT INTO shop.t VALUES (1, 1), (2, 2), (3, 3);\n")
        .await;
    let (states, counts) = page.engine_counts();
    assert!(counts.lit >= 1 && counts.lit <= 3);
    assert_eq!(page.counts(), counts.text());
    let lit = states.iter().position(|&s| s == CHANGED | LIT).unwrap() as u32;
    assert_eq!(page.pixel(lit), page.css("--blk-lit"));
    let summary = page
        .find("[data-testid=block-summary]")
        .text_content()
        .unwrap();
    assert!(
        summary.contains(&format!(
            "{} changed ({} by statements)",
            counts.lit, counts.lit
        )),
        "{summary}"
    );
}

#[wasm_bindgen_test]
async fn a_running_backup_shows_copying_then_copied_and_the_chain_lists_the_set() {
    let page = Page::mount(ready_shell()).await;
    page.run("ALTER SYSTEM BACKUP DATABASE;\n").await;
    let mut saw_both = false;
    for _ in 0..60 {
        page.advance(SECOND).await;
        let (states, counts) = page.engine_counts();
        assert_eq!(page.counts(), counts.text());
        if counts.get(COPYING) > 0 && counts.get(COPIED) > 0 {
            saw_both = true;
            let copying = states.iter().position(|&s| s == COPYING).unwrap() as u32;
            let copied = states.iter().position(|&s| s == COPIED).unwrap() as u32;
            assert_eq!(page.pixel(copying), page.css("--blk-copying"));
            assert_eq!(page.pixel(copied), page.css("--blk-copied"));
            let li = page.find("[data-testid=block-chain] li");
            assert_eq!(li.get_attribute("data-status").unwrap(), "RUNNING");
            break;
        }
    }
    assert!(saw_both, "never saw a backup half-way");
    page.advance(120 * SECOND).await;
    let li = page.find("[data-testid=block-chain] li[data-set='1']");
    assert_eq!(li.get_attribute("data-status").unwrap(), "SUCCESS");
    assert_eq!(
        li.text_content().unwrap(),
        format!("set 1 FULL: {BLOCKS} blocks copied")
    );
    assert!(
        page.counts()
            .starts_with("unchanged=1024 changed=0 copying=0 copied=0")
    );
}

#[wasm_bindgen_test]
async fn hovering_a_block_shows_its_id_tablet_last_write_and_sets_and_a_click_pins_it() {
    let page = Page::mount(ready_shell()).await;
    page.run("INSERT INTO shop.t VALUES (9, 9);\n").await;
    let (states, _) = page.engine_counts();
    let lit = states.iter().position(|&s| s == CHANGED | LIT).unwrap() as u32;
    let canvas = page.canvas();
    let rect = canvas.get_bounding_client_rect();
    let (x, y) = page.grid().cell_of(lit).unwrap();
    let event = |kind: &str| {
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init.set_client_x((rect.left() + f64::from(x) + 0.5) as i32);
        init.set_client_y((rect.top() + f64::from(y) + 0.5) as i32);
        web_sys::MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap()
    };
    let tip = page.find("figure[data-tenant=mysql_tenant] [data-testid=block-tip]");
    assert!(tip.has_attribute("hidden"));
    canvas.dispatch_event(&event("mousemove")).unwrap();
    page.frames().await;
    let want = page
        .engine
        .shell
        .with_value(|sh| blockmap::block_info(&sh.cluster, T, lit).unwrap().text());
    assert!(!tip.has_attribute("hidden"));
    assert_eq!(tip.text_content().unwrap(), want);
    assert!(
        want.starts_with(&format!("macroblock {lit} · tablet ")),
        "{want}"
    );
    assert!(
        want.contains("changed since the latest set, by a statement, last write SCN "),
        "{want}"
    );
    canvas.dispatch_event(&event("click")).unwrap();
    canvas
        .dispatch_event(&web_sys::MouseEvent::new("mouseleave").unwrap())
        .unwrap();
    page.frames().await;
    assert!(!tip.has_attribute("hidden"), "a pinned tip stays");
    assert!(tip.class_list().contains("pinned"));
}
