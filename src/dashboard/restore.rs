//! The restore drill (issue 14): every source tenant's restorable window (`timeline`) and the
//! restore jobs with their progress as DBA_OB_RESTORE_PROGRESS / _HISTORY show it.

use super::drill::{RestoreRow, Timeline, restore_rows};
use super::timeline::TenantTimeline;
use crate::engine::use_engine;
use crate::format;
use crate::glossary::Term;
use leptos::prelude::*;

#[component]
pub fn RestoreDrill() -> impl IntoView {
    let engine = use_engine();
    // Tenants with something to restore from (a set or an archive round).
    let ids = Memo::new(move |_| {
        engine.read(|sh| {
            let c = &sh.cluster;
            c.user_tenants()
                .filter(|t| Timeline::read(c, t.id).is_some())
                .map(|t| t.id)
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="dash dash-restore" aria-labelledby="dash-restore-title" tabindex="-1">
            <h2 id="dash-restore-title">"Restore"</h2>
            <div class="dash-panel" data-tour="timeline">
                <h3><Term id="restorable-window">"Restorable window"</Term></h3>
                <p class="dash-note" hidden=move || !ids.with(Vec::is_empty)>
                    "No tenant has a backup set or an archive round yet: back one up to see what a restore could reach."
                </p>
                <For
                    each=move || ids.get()
                    key=|id| *id
                    children=move |id| view! { <TenantTimeline tenant_id=id /> }
                />
                <p class="tl-legend dash-note" aria-hidden="true" hidden=move || ids.with(Vec::is_empty)>
                    <span class="lg lg-piece"></span> "archive pieces (gaps: no log) "
                    <span class="lg lg-reach"></span> "reachable "
                    <span class="lg lg-full"></span> "full set "
                    <span class="lg lg-inc"></span> "incremental, tied to its base"
                </p>
            </div>
            <RestoreJobs />
        </section>
    }
}

fn pair(p: (u64, u64)) -> String {
    format!("{} / {}", p.0, p.1)
}

#[component]
fn RestoreJobs() -> impl IntoView {
    let engine = use_engine();
    let rows = Memo::new(move |_| engine.read(|sh| restore_rows(&sh.cluster)));
    view! {
        <div class="dash-panel" data-testid="restore-jobs" data-tour="restore">
            <h3>"Restore jobs"</h3>
            <p class="dash-note" hidden=move || !rows.with(Vec::is_empty)>
                "No restore yet."
            </p>
            <For
                each=move || rows.get()
                key=|r| r.clone()
                children=move |r| view! { <RestoreJobCard row=r /> }
            />
        </div>
    }
}

#[component]
fn RestoreJobCard(row: RestoreRow) -> impl IntoView {
    let pct = |done: u64, total: u64| {
        if total == 0 {
            0.0
        } else {
            done.min(total) as f64 * 100.0 / total as f64
        }
    };
    let bytes = pct(row.bytes.0, row.bytes.1);
    let status_class = format!("status status-{}", row.status.to_ascii_lowercase());
    view! {
        <article
            class="restore-job"
            data-job=row.job_id.to_string()
            data-tenant=row.tenant.clone()
            data-status=row.status.clone()
        >
            <header class="card-head">
                <h4>{format!("Job {}: {} from {}", row.job_id, row.tenant, row.source)}</h4>
                <span class=status_class data-testid="restore-status" translate="no">{row.status.clone()}</span>
            </header>
            <dl class="facts">
                <dt>"Stage"</dt>
                <dd data-testid="restore-stage" translate="no">{row.phase.clone()}</dd>
                <dt>"Until"</dt>
                <dd data-testid="restore-until">{row.restore_time.clone()}</dd>
                <dt>"Log streams"</dt>
                <dd data-testid="restore-ls">{pair(row.ls)}</dd>
                <dt>"Tablets"</dt>
                <dd data-testid="restore-tablets">{pair(row.tablets)}</dd>
                <dt>"Bytes"</dt>
                <dd data-testid="restore-bytes">
                    {format!("{} / {}", format::bytes(row.bytes.0), format::bytes(row.bytes.1))}
                    <progress max="100" value=format_fixed(bytes)></progress>
                </dd>
                <dt hidden=!row.running>"RECOVER_PROGRESS"</dt>
                <dd hidden=!row.running>{row.recover_progress.clone()}</dd>
                <dt>"BACKUP_SET_LIST"</dt>
                <dd class="path" translate="no">{row.sets.clone()}</dd>
                <dt>"BACKUP_PIECE_LIST"</dt>
                <dd class="path" translate="no">{row.pieces.clone()}</dd>
                <dt hidden=row.comment.is_empty()>"COMMENT"</dt>
                <dd hidden=row.comment.is_empty() translate="no">{row.comment.clone()}</dd>
            </dl>
        </article>
    }
}

fn format_fixed(v: f64) -> String {
    obsim::num::format_fixed(v, 1)
}
