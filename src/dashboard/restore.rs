//! The restore drill (issue 14): every source tenant's restorable window (`timeline`) and the
//! restore jobs with their progress as DBA_OB_RESTORE_PROGRESS / _HISTORY show it.

use super::compare::CompareWithSource;
use super::drill::{Timeline, restore_jobs};
use super::timeline::TenantTimeline;
use crate::engine::use_engine;
use crate::format;
use crate::glossary::Term;
use leptos::prelude::*;
use obsim::restore::stage::{RestoreProgress, STAGES};

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

fn pair(done: u64, total: u64) -> String {
    format!("{done} / {total}")
}

#[component]
fn RestoreJobs() -> impl IntoView {
    let engine = use_engine();
    let ids = Memo::new(move |_| {
        engine.read(|sh| {
            sh.cluster
                .restore_job_ids()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="dash-panel" data-testid="restore-jobs" data-tour="restore">
            <h3>"Restore jobs"</h3>
            <p class="dash-note" hidden=move || !ids.with(Vec::is_empty)>
                "No restore yet."
            </p>
            <For
                each=move || ids.get()
                key=|id| *id
                children=move |id| view! { <RestoreJobCard job_id=id /> }
            />
        </div>
    }
}

fn pct(done: u64, total: u64) -> String {
    let p = if total == 0 {
        0.0
    } else {
        done.min(total) as f64 * 100.0 / total as f64
    };
    obsim::num::format_fixed(p, 1)
}

#[component]
fn RestoreJobCard(job_id: u64) -> impl IntoView {
    let engine = use_engine();
    let job = Memo::new(move |_| {
        engine.read(|sh| {
            let c = &sh.cluster;
            // Kept alive with the list: a job id the list holds always has progress.
            c.restore_progress(job_id)
                .or_else(|| restore_jobs(c).into_iter().next())
        })
    });
    let text = move |f: fn(&RestoreProgress) -> String| {
        move || job.with(|j| j.as_ref().map(f).unwrap_or_default())
    };
    // Once the restore succeeded: its tenant, to compare with the source.
    let restored = Memo::new(move |_| {
        job.with(|j| {
            j.as_ref()
                .filter(|j| j.succeeded && j.restore_tenant_id != 0)
                .map(|j| j.restore_tenant_id)
        })
    });
    let (tenant, source) = job.with_untracked(|j| {
        j.as_ref()
            .map(|j| (j.restore_tenant_name.clone(), j.backup_tenant_name.clone()))
            .unwrap_or_default()
    });
    view! {
        <article
            class="restore-job"
            data-job=job_id.to_string()
            data-tenant=tenant.clone()
            data-status=text(|j| j.status.to_string())
        >
            <header class="card-head">
                <h4>{format!("Job {job_id}: {tenant} from {source}")}</h4>
                <span
                    class=text(|j| format!("status status-{}", j.status.to_ascii_lowercase()))
                    data-testid="restore-status"
                    translate="no"
                >
                    {text(|j| j.status.to_string())}
                </span>
            </header>
            <ol class="restore-stages" aria-label="Stages">
                {STAGES
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let class = move || {
                            job.with(|j| match j.as_ref().and_then(|j| j.stage) {
                                Some(s) if s > i || (s == i && s + 1 == STAGES.len()) => "done",
                                Some(s) if s == i => "now",
                                _ => "",
                            })
                        };
                        view! {
                            <li class=class title=*name translate="no" aria-current=move || (class() == "now").then_some("step")>
                                <span class="sr-only">{*name}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <dl class="facts">
                <dt>"Stage"</dt>
                <dd data-testid="restore-stage" translate="no">{text(|j| j.state.to_string())}</dd>
                <dt>"Until"</dt>
                <dd data-testid="restore-until">{text(|j| super::drill::scn_time_frac(j.restore_scn))}</dd>
                <dt>"Log streams"</dt>
                <dd data-testid="restore-ls">{text(|j| pair(j.finish_ls_count, j.ls_count))}</dd>
                <dt>"Tablets"</dt>
                <dd data-testid="restore-tablets">{text(|j| pair(j.finish_tablet_count, j.tablet_count))}</dd>
                <dt>"Bytes"</dt>
                <dd data-testid="restore-bytes">
                    {text(|j| format!("{} / {}", format::bytes(j.finish_bytes), format::bytes(j.total_bytes)))}
                    <progress max="100" value=text(|j| pct(j.finish_bytes, j.total_bytes))></progress>
                </dd>
                <dt>"BACKUP_SET_LIST"</dt>
                <dd class="path" translate="no">{text(|j| j.backup_set_list.clone())}</dd>
                <dt>"BACKUP_PIECE_LIST"</dt>
                <dd class="path" translate="no">{text(|j| j.backup_piece_list.clone())}</dd>
                <dt hidden=move || job.with(|j| j.as_ref().is_none_or(|j| j.comment.is_empty()))>"COMMENT"</dt>
                <dd translate="no" hidden=move || job.with(|j| j.as_ref().is_none_or(|j| j.comment.is_empty()))>
                    {text(|j| j.comment.clone())}
                </dd>
            </dl>
            {move || restored.get().map(|id| view! { <CompareWithSource tenant_id=id /> })}
        </article>
    }
}
