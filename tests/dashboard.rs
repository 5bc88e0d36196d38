#![cfg(target_arch = "wasm32")]
//! The tenant and job dashboards mounted in headless Chromium over a shell brought to a known
//! state by SQL. Buttons must only hand statements to `run_sql`; numbers must match the engine.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use obplay::dashboard::{JobDashboard, TenantDashboard};
use obplay::engine::Engine;
use obsim::shell::Shell;
use obsim::sim::SECOND;
use std::sync::{Arc, Mutex};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DESTS: &str = "\
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(10);
";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh root@sys shell after `script` (every statement must succeed).
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
    /// Both dashboards over `shell`, with a `run_sql` that only records what it is given.
    async fn mount(shell: Shell) -> Page {
        let container = document().create_element("div").unwrap();
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
            view! {
                <TenantDashboard />
                <JobDashboard />
            }
        })
        .forget();
        TimeoutFuture::new(0).await;
        Page {
            root: container,
            engine,
            sent,
        }
    }

    /// Moves simulated time on (as the play loop would) and lets Leptos re-render.
    async fn advance(&self, secs: u64) {
        self.engine.write(|sh| sh.cluster.advance(secs * SECOND));
        TimeoutFuture::new(0).await;
    }

    /// Runs statements in the shell (as the console would) and lets Leptos re-render.
    async fn run(&self, sql: &str) {
        let entries = self.engine.write(|sh| sh.run(sql).0).unwrap();
        for e in &entries {
            assert!(!e.is_error, "{}{}", e.input, e.output);
        }
        TimeoutFuture::new(0).await;
    }

    fn shell<T>(&self, f: impl FnOnce(&Shell) -> T) -> T {
        self.engine.shell.with_value(f)
    }

    fn find(&self, sel: &str) -> Option<web_sys::Element> {
        self.root.query_selector(sel).unwrap()
    }

    fn all(&self, sel: &str) -> Vec<web_sys::Element> {
        let list = self.root.query_selector_all(sel).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into())
            .collect()
    }

    fn text(&self, sel: &str) -> String {
        self.find(sel)
            .unwrap_or_else(|| panic!("no {sel}"))
            .text_content()
            .unwrap_or_default()
    }

    async fn click(&self, sel: &str) {
        let el: web_sys::HtmlElement = self
            .find(sel)
            .unwrap_or_else(|| panic!("no {sel}"))
            .unchecked_into();
        el.click();
        TimeoutFuture::new(0).await;
    }

    fn take_sent(&self) -> Vec<String> {
        std::mem::take(&mut *self.sent.lock().unwrap())
    }
}

fn card(tenant: &str, inner: &str) -> String {
    format!(".tenant-card[data-tenant={tenant}] {inner}")
}

#[wasm_bindgen_test]
async fn a_card_shows_archive_round_dest_score_and_latest_full_set() {
    let page = Page::mount(shell_after(&format!(
        "{DESTS}ALTER SYSTEM SET ha_low_thread_score = 8 TENANT = mysql_tenant;\n"
    )))
    .await;
    assert_eq!(
        page.text(&card("mysql_tenant", "[data-testid=log-mode]")),
        "ARCHIVELOG"
    );
    let round = page.text(&card("mysql_tenant", "[data-testid=round]"));
    assert!(round.contains("round 1 DOING"), "{round}");
    assert!(round.contains("lag ") && round.contains(" s"), "{round}");
    assert_eq!(
        page.text(&card("mysql_tenant", "[data-testid=data-dest]")),
        "file:///data/nfs/backup/data/mysql_tenant"
    );
    assert_eq!(page.text(&card("mysql_tenant", "[data-testid=score]")), "8");
    assert_eq!(
        page.text(&card("oracle_tenant", "[data-testid=score]")),
        "0 (default)"
    );
    assert_eq!(
        page.text(&card("mysql_tenant", "[data-testid=latest-full]")),
        "none"
    );
    assert_eq!(
        page.text(&card("mysql_tenant", "[data-testid=data-size]")),
        "8.0 GiB"
    );

    page.run("ALTER SYSTEM BACKUP TENANT = mysql_tenant;\n")
        .await;
    page.advance(300).await;
    let full = page.text(&card("mysql_tenant", "[data-testid=latest-full]"));
    assert!(full.starts_with("set 1 SUCCESS at 2024-05-09 "), "{full}");
    // Changed blocks count from that set's snapshot, as the engine counts them.
    let changed = page.shell(|sh| {
        let set = &sh.cluster.tenant_backup(1002).unwrap().sets[0];
        sh.cluster.storage[&1002].changed_since(set.snapshot_scn)
    });
    assert_eq!(
        page.text(&card("mysql_tenant", "[data-testid=changed]")),
        format!("{changed} macroblocks since set 1")
    );
}

#[wasm_bindgen_test]
async fn from_sys_the_buttons_type_the_tenant_forms_and_change_nothing() {
    let page = Page::mount(shell_after(DESTS)).await;
    page.click(&card("mysql_tenant", "[data-action=full]"))
        .await;
    assert_eq!(
        page.take_sent(),
        ["ALTER SYSTEM BACKUP TENANT = mysql_tenant;"]
    );
    // The button only typed the statement: no job started.
    assert!(page.shell(|sh| sh.cluster.tenant_backup(1002).unwrap().jobs.is_empty()));

    page.click(&card("mysql_tenant", "[data-action=inc]")).await;
    page.click(&card("mysql_tenant", "[data-action=cancel]"))
        .await;
    page.click(&card("mysql_tenant", "[data-action=archive]"))
        .await;
    page.click(&card("mysql_tenant", "[data-action=score]"))
        .await;
    assert_eq!(
        page.take_sent(),
        [
            "ALTER SYSTEM BACKUP INCREMENTAL TENANT = mysql_tenant;",
            "ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant;",
            "ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant;",
            "ALTER SYSTEM SET ha_low_thread_score = 0 TENANT = mysql_tenant;",
        ]
    );
}

#[wasm_bindgen_test]
async fn connected_to_the_tenant_the_buttons_type_the_self_forms() {
    let page = Page::mount(shell_after(&format!("{DESTS}connect root@mysql_tenant\n"))).await;
    page.click(&card("mysql_tenant", "[data-action=full]"))
        .await;
    page.click(&card("mysql_tenant", "[data-action=inc]")).await;
    page.click(&card("mysql_tenant", "[data-action=cancel]"))
        .await;
    page.click(&card("mysql_tenant", "[data-action=archive]"))
        .await;
    assert_eq!(
        page.take_sent(),
        [
            "ALTER SYSTEM BACKUP DATABASE;",
            "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;",
            "ALTER SYSTEM CANCEL BACKUP;",
            "ALTER SYSTEM NOARCHIVELOG;",
        ]
    );
    // Another user tenant's actions are disabled, and say why.
    let other = page
        .find(&card("oracle_tenant", "[data-action=full]"))
        .unwrap();
    assert!(other.has_attribute("disabled"));
    assert_eq!(
        other.get_attribute("title").as_deref(),
        Some("connect as root@sys or to this tenant")
    );
    page.click(&card("oracle_tenant", "[data-action=full]"))
        .await;
    assert!(page.take_sent().is_empty());
}

#[wasm_bindgen_test]
async fn the_destination_and_score_forms_type_valid_statements() {
    let page = Page::mount(shell_after("")).await;
    // Defaults for a tenant without destinations.
    page.click(&card("mysql_tenant", "[data-action=dests]"))
        .await;
    let sent = page.take_sent();
    assert_eq!(
        sent,
        [
            "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/mysql_tenant/data' TENANT = mysql_tenant;\n\
          ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/mysql_tenant/archive' TENANT = mysql_tenant;"
        ]
    );
    // They run cleanly, and the card follows; the form then has nothing left to change.
    page.run(&format!("{}\n", sent[0])).await;
    assert_eq!(
        page.text(&card("mysql_tenant", "[data-testid=data-dest]")),
        "file:///data/nfs/backup/mysql_tenant/data"
    );
    let button = page
        .find(&card("mysql_tenant", "[data-action=dests]"))
        .unwrap();
    assert!(button.has_attribute("disabled"));

    // A typed score (out-of-range values disable the button).
    let input: web_sys::HtmlInputElement = page
        .find(&card("mysql_tenant", "input[type=number]"))
        .unwrap()
        .unchecked_into();
    for (value, ok) in [("101", false), ("12", true)] {
        input.set_value(value);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        TimeoutFuture::new(0).await;
        let set = page
            .find(&card("mysql_tenant", "[data-action=score]"))
            .unwrap();
        assert_eq!(set.has_attribute("disabled"), !ok, "{value}");
    }
    page.click(&card("mysql_tenant", "[data-action=score]"))
        .await;
    let sent = page.take_sent();
    assert_eq!(
        sent,
        ["ALTER SYSTEM SET ha_low_thread_score = 12 TENANT = mysql_tenant;"]
    );
    page.run(&format!("{}\n", sent[0])).await;
    assert_eq!(
        page.text(&card("mysql_tenant", "[data-testid=score]")),
        "12"
    );
}

#[wasm_bindgen_test]
async fn a_cluster_job_nests_its_tenant_jobs_with_the_task_progress() {
    let page = Page::mount(shell_after(&format!(
        "{DESTS}ALTER SYSTEM BACKUP DATABASE;\n"
    )))
    .await;
    page.advance(20).await;
    let rows = page.all("[data-testid=running-jobs] tbody tr");
    assert_eq!(rows.len(), 3, "the sys job and its two children");
    assert_eq!(rows[0].get_attribute("data-tenant").as_deref(), Some("1"));
    let children: Vec<String> = rows[1..]
        .iter()
        .map(|r| {
            assert!(r.class_list().contains("job-child"));
            r.get_attribute("data-tenant").unwrap()
        })
        .collect();
    assert_eq!(children, ["1002", "1004"]);
    let (mut sum_done, mut sum_total) = (0, 0);
    for (row, tenant) in rows[1..].iter().zip([1002u64, 1004]) {
        let task = page.shell(|sh| sh.cluster.tenant_backup(tenant).unwrap().tasks[0].clone());
        let cell = |sel: &str| {
            row.query_selector(sel)
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
        };
        assert!(task.copy.finish_macro_block_count > 0, "copying has begun");
        assert_eq!(
            cell("[data-testid=blocks]"),
            format!(
                "{}/{}",
                task.copy.finish_macro_block_count, task.copy.macro_block_count
            )
        );
        assert_eq!(cell("[data-testid=task-status]"), task.status.as_str());
        assert_eq!(
            cell("[data-testid=input]"),
            obplay::format::bytes(task.copy.input_bytes)
        );
        let rate = page.shell(|sh| sh.cluster.backup_throughput(tenant));
        assert_eq!(
            cell("[data-testid=rate]"),
            format!("{}/s", obplay::format::bytes(rate))
        );
        let progress = row.query_selector("progress").unwrap().unwrap();
        assert_eq!(
            progress.get_attribute("value").unwrap(),
            task.copy.finish_macro_block_count.to_string()
        );
        sum_done += task.copy.finish_macro_block_count;
        sum_total += task.copy.macro_block_count;
    }
    let cluster_blocks = rows[0]
        .query_selector("[data-testid=blocks]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(cluster_blocks, format!("{sum_done}/{sum_total}"));
    let cluster_task = rows[0]
        .query_selector("[data-testid=task-status]")
        .unwrap()
        .unwrap();
    assert_eq!(cluster_task.text_content().unwrap(), "2 tenant jobs");

    // Cancel: the whole cluster job, or one child from sys.
    page.click("[data-testid=running-jobs] tr[data-tenant='1'] [data-action=cancel-job]")
        .await;
    page.click("[data-testid=running-jobs] tr[data-tenant='1004'] [data-action=cancel-job]")
        .await;
    assert_eq!(
        page.take_sent(),
        [
            "ALTER SYSTEM CANCEL BACKUP;",
            "ALTER SYSTEM CANCEL BACKUP TENANT = oracle_tenant;"
        ]
    );

    // Finished: out of the running list, COMPLETED in the history.
    page.advance(300).await;
    assert!(page.all("[data-testid=running-jobs] tbody tr").is_empty());
    let history = page.all("[data-testid=job-history] tbody tr");
    assert_eq!(history.len(), 3);
    for row in &history {
        let status = row.query_selector("[data-testid=status]").unwrap().unwrap();
        assert_eq!(status.text_content().unwrap(), "COMPLETED");
    }
}

#[wasm_bindgen_test]
async fn a_canceled_job_shows_in_history_and_its_set_is_marked_in_the_chain() {
    let page = Page::mount(shell_after(&format!(
        "{DESTS}ALTER SYSTEM BACKUP TENANT = mysql_tenant;\nSELECT SLEEP(200);\n\
         ALTER SYSTEM BACKUP INCREMENTAL TENANT = mysql_tenant;\nSELECT SLEEP(3);\n\
         ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant;\nSELECT SLEEP(5);\n"
    )))
    .await;
    // Most recent first: the canceled incremental of mysql_tenant.
    let row = page
        .find("[data-testid=job-history] tbody tr[data-tenant='1002']")
        .unwrap();
    let cell = |sel: &str| {
        row.query_selector(sel)
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(cell("[data-testid=status]"), "CANCELED");
    assert_eq!(cell("[data-testid=result]"), "-4072");
    assert_eq!(row.get_attribute("data-job").as_deref(), Some("2"));

    let chain = page.all(".set-tenant[data-tenant=mysql_tenant] .chain");
    assert_eq!(chain.len(), 1, "the incremental links to its full");
    let chips = page.all(".set-tenant[data-tenant=mysql_tenant] .chip");
    assert_eq!(chips.len(), 2);
    assert!(chips[0].class_list().contains("chip-full"));
    assert!(!chips[0].class_list().contains("chip-failed"));
    assert!(chips[1].class_list().contains("chip-failed"));
    let flag = chips[1]
        .query_selector("[data-testid=flag]")
        .unwrap()
        .unwrap();
    assert_eq!(flag.text_content().unwrap(), "FAILED INCOMPLETE");
    let sizes = page.shell(|sh| {
        let sets = &sh.cluster.tenant_backup(1002).unwrap().sets;
        obplay::format::bytes(sets[0].copy.output_bytes)
    });
    assert!(chips[0].text_content().unwrap().contains(&sizes));
}

#[wasm_bindgen_test]
async fn the_plot_has_one_point_per_finished_set() {
    let page = Page::mount(shell_after(&format!(
        "{DESTS}ALTER SYSTEM BACKUP TENANT = mysql_tenant;\nSELECT SLEEP(200);\n\
         ALTER SYSTEM BACKUP INCREMENTAL TENANT = mysql_tenant;\nSELECT SLEEP(60);\n\
         ALTER SYSTEM BACKUP INCREMENTAL TENANT = mysql_tenant;\nSELECT SLEEP(2);\n\
         ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant;\nSELECT SLEEP(5);\n\
         ALTER SYSTEM BACKUP TENANT = mysql_tenant;\n"
    )))
    .await;
    let plot = "[data-testid=set-plot][data-tenant=mysql_tenant]";
    let finished = |page: &Page| {
        page.shell(|sh| {
            let sets = &sh.cluster.tenant_backup(1002).unwrap().sets;
            let done = sets.iter().filter(|s| s.end_ts > 0);
            let full = done
                .clone()
                .filter(|s| s.backup_type == obsim::backup::BackupType::Full);
            (done.count(), full.count())
        })
    };
    // Three finished (full, inc, canceled inc) and one running.
    assert_eq!(finished(&page), (3, 1));
    assert_eq!(page.all(&format!("{plot} .pt")).len(), 3);
    assert_eq!(page.all(&format!("{plot} circle.pt")).len(), 1);
    assert_eq!(page.all(&format!("{plot} .pt-failed")).len(), 1);
    let title = page.text(&format!("{plot} > title"));
    assert!(
        title.starts_with("Backup set sizes of mysql_tenant"),
        "{title}"
    );
    // Each point names its set.
    assert!(
        page.text(&format!("{plot} circle.pt title"))
            .starts_with("set 1 FULL")
    );

    page.advance(300).await;
    assert_eq!(finished(&page), (4, 2));
    assert_eq!(page.all(&format!("{plot} .pt")).len(), 4);
    assert_eq!(page.all(&format!("{plot} circle.pt")).len(), 2);
}

#[wasm_bindgen_test]
async fn engine_text_is_inserted_as_text() {
    let page = Page::mount(shell_after(
        "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/<b>x</b>' TENANT = mysql_tenant;\n",
    ))
    .await;
    let dest = page
        .find(&card("mysql_tenant", "[data-testid=data-dest]"))
        .unwrap();
    assert_eq!(dest.text_content().unwrap(), "file:///data/<b>x</b>");
    assert!(dest.query_selector("b").unwrap().is_none());
}

/// Presses `key` on `sel` (keydown bubbles to the card or row, as a real key press would).
async fn press(page: &Page, sel: &str, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    page.find(sel)
        .unwrap_or_else(|| panic!("no {sel}"))
        .dispatch_event(&ev)
        .unwrap();
    TimeoutFuture::new(0).await;
}

#[wasm_bindgen_test]
async fn card_and_job_keys_press_the_same_buttons() {
    let page = Page::mount(shell_after(&format!(
        "{DESTS}ALTER SYSTEM BACKUP DATABASE;\n"
    )))
    .await;
    page.advance(20).await;
    // Focus is on a card's button: F, I, C, A type what the buttons type.
    for key in ["f", "I", "c", "a"] {
        press(&page, &card("oracle_tenant", "[data-action=full]"), key).await;
    }
    assert_eq!(
        page.take_sent(),
        [
            "ALTER SYSTEM BACKUP TENANT = oracle_tenant;",
            "ALTER SYSTEM BACKUP INCREMENTAL TENANT = oracle_tenant;",
            "ALTER SYSTEM CANCEL BACKUP TENANT = oracle_tenant;",
            "ALTER SYSTEM NOARCHIVELOG TENANT = oracle_tenant;",
        ]
    );
    // H focuses the card's score field (ha_low_thread_score); D opens the destinations and focuses the first one.
    press(&page, &card("oracle_tenant", "[data-action=full]"), "h").await;
    let active = document().active_element().unwrap();
    assert_eq!(active.id(), "score-1004");
    // Keys typed into a field are text, not shortcuts.
    press(&page, "#score-1004", "f").await;
    assert!(page.take_sent().is_empty());
    press(&page, &card("oracle_tenant", "[data-action=full]"), "d").await;
    assert!(page.find(&card("oracle_tenant", "details[open]")).is_some());
    assert_eq!(document().active_element().unwrap().id(), "data-dest-1004");
    // Modified keys are the browser's.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("f");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    page.find(&card("oracle_tenant", "[data-action=full]"))
        .unwrap()
        .dispatch_event(&ev)
        .unwrap();
    assert!(page.take_sent().is_empty());
    // C in a running job's row cancels that job.
    press(
        &page,
        "[data-testid=running-jobs] tr[data-tenant='1002'] [data-action=cancel-job]",
        "c",
    )
    .await;
    assert_eq!(
        page.take_sent(),
        ["ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant;"]
    );
    // Every action button names its key for assistive technology.
    for b in
        page.all(".tenant-card [data-action]:not([data-action=score]):not([data-action=dests])")
    {
        assert!(b.has_attribute("aria-keyshortcuts"), "{}", b.outer_html());
    }
}
