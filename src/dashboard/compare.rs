//! "Compare with source" (issue 14 §3): a restored tenant's tables next to its source tenant's
//! as of the SCN the restored data stands at (`Cluster::compare_with_source`), per table: rows,
//! checksum, equal or not, and the keys of the rows that differ; and the statements a DBA runs
//! to check the same in SQL, which a button types into the console.

use crate::engine::{type_sql, use_engine};
use leptos::prelude::*;
use obsim::restore::compare::{Comparison, TableComparison};

fn opt(v: Option<u64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| v.to_string())
}

/// The DBA's check: the same statements in the restored tenant and in the source.
fn check_sql(c: &Comparison) -> String {
    let mut out = Vec::new();
    for tenant in [&c.restored_tenant_name, &c.source_tenant_name] {
        out.push(format!("connect root@{tenant}"));
        out.extend(c.tables.iter().map(|t| t.sql.clone()));
    }
    out.join("\n")
}

fn differences(t: &TableComparison) -> String {
    let mut parts = Vec::new();
    for (what, keys) in [
        ("missing", &t.missing),
        ("extra", &t.extra),
        ("changed", &t.changed),
    ] {
        if !keys.is_empty() {
            parts.push(format!("{what}: {}", keys.join(", ")));
        }
    }
    parts.join("; ")
}

#[component]
pub fn CompareWithSource(tenant_id: u64) -> impl IntoView {
    let engine = use_engine();
    let open = RwSignal::new(false);
    let cmp = Memo::new(move |_| {
        open.get()
            .then(|| engine.read(|sh| sh.cluster.compare_with_source(tenant_id)))
            .flatten()
    });
    let panel_id = format!("compare-{tenant_id}");
    let controls = panel_id.clone();
    view! {
        <div class="compare" data-testid="compare">
            <button
                type="button"
                data-action="compare"
                aria-expanded=move || open.get().to_string()
                aria-controls=controls
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Compare with source"
            </button>
            <div id=panel_id hidden=move || !open.get()>
                <p class="dash-note" hidden=move || cmp.with(Option::is_some)>
                    "Nothing to compare yet: the restored data is not built, or the source is gone."
                </p>
                {move || {
                    cmp.get()
                        .map(|c| {
                            let verdict = if c.equal {
                                "Equal to the source as of this SCN"
                            } else {
                                "Differs from the source as of this SCN"
                            };
                            let sql = check_sql(&c);
                            let typed = sql.clone();
                            view! {
                                <p data-testid="compare-verdict" data-equal=c.equal.to_string()>
                                    <strong class=if c.equal { "status status-success" } else { "status status-failed" }>
                                        {verdict}
                                    </strong>
                                    " " <span translate="no">{c.as_of_scn.to_string()}</span>
                                </p>
                                <div class="table-scroll">
                                    <table class="grid compare-table">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Table"</th>
                                                <th scope="col">{c.restored_tenant_name.clone()}</th>
                                                <th scope="col">{c.source_tenant_name.clone()}</th>
                                                <th scope="col">"Equal"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {c.tables
                                                .iter()
                                                .map(|t| {
                                                    let diff = differences(t);
                                                    view! {
                                                        <tr data-table=format!("{}.{}", t.database, t.table) data-equal=t.equal.to_string()>
                                                            <th scope="row" translate="no">{format!("{}.{}", t.database, t.table)}</th>
                                                            <td>
                                                                {format!("{} rows · {}", opt(t.restored_rows), opt(t.restored_checksum))}
                                                            </td>
                                                            <td>
                                                                {format!("{} rows · {}", opt(t.source_rows), opt(t.source_checksum))}
                                                            </td>
                                                            <td>
                                                                {if t.equal { "yes" } else { "no" }}
                                                                <span class="compare-diff" translate="no" hidden=diff.is_empty()>
                                                                    {format!(" ({diff})")}
                                                                </span>
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <details class="card-details">
                                    <summary>"Check it in SQL"</summary>
                                    <p class="dash-note">
                                        "COUNT(*) and SUM(CRC32(CONCAT_WS(…))) per table in both tenants (CHECKSUM TABLE is only a mock in OceanBase). The source answers as of now, not as of the restore."
                                    </p>
                                    <pre class="tl-stmt" translate="no">{sql}</pre>
                                    <button type="button" data-action="compare-sql" on:click=move |_| type_sql(engine, typed.clone())>
                                        "Put into the console"
                                    </button>
                                </details>
                            }
                        })
                }}
            </div>
        </div>
    }
}
