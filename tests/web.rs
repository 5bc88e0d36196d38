#![cfg(target_arch = "wasm32")]
//! The app mounted in headless Chromium (wasm-bindgen-test).

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app into a fresh container so tests sharing the page do not see each other.
async fn mount_app() -> web_sys::Element {
    let container = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let el: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(container.clone());
    leptos::mount::mount_to(el, obplay::app::App).forget();
    TimeoutFuture::new(0).await;
    container
}

fn tenant_rows(root: &web_sys::Element) -> Vec<Vec<String>> {
    let rows = root
        .query_selector_all("[data-testid=tenant-list] tbody tr")
        .unwrap();
    (0..rows.length())
        .map(|i| {
            let row: web_sys::Element = wasm_bindgen::JsCast::unchecked_into(rows.item(i).unwrap());
            let cells = row.query_selector_all("td").unwrap();
            (0..cells.length())
                .map(|j| cells.item(j).unwrap().text_content().unwrap_or_default())
                .collect()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn tenant_list_shows_the_three_tenants_with_their_modes() {
    let root = mount_app().await;
    let rows = tenant_rows(&root);
    let find = |name: &str| rows.iter().find(|r| r[1] == name).cloned();
    assert_eq!(find("sys").unwrap(), ["1", "sys", "SYS", "MYSQL", "NORMAL"]);
    assert_eq!(
        find("mysql_tenant").unwrap(),
        ["1002", "mysql_tenant", "USER", "MYSQL", "NORMAL"]
    );
    assert_eq!(
        find("oracle_tenant").unwrap(),
        ["1004", "oracle_tenant", "USER", "ORACLE", "NORMAL"]
    );
    assert!(find("META$1002").is_some() && find("META$1004").is_some());
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
