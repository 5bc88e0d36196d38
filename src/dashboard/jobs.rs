//! The job dashboard: running jobs with live progress (a sys CLUSTER job with its tenant jobs
//! nested under it), the job history, and every tenant's backup set chain and size plot.

use super::model::{
    HistoryRow, JobKey, Progress, RunningJob, children_of, history, running_job, top_level_jobs,
    truncate,
};
use super::sets::SetChains;
use super::sql::NEEDS_SESSION;
use crate::engine::use_engine;
use crate::format;
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use obsim::cluster::SYS_TENANT_ID;

/// Characters of a history comment shown before `…` (the full text is in the title).
const COMMENT_CHARS: usize = 40;

#[component]
pub fn JobDashboard() -> impl IntoView {
    view! {
        <section class="dash dash-jobs" aria-labelledby="dash-jobs-title" tabindex="-1">
            <h2 id="dash-jobs-title">"Backup jobs"</h2>
            <RunningJobs />
            <JobHistory />
            <SetChains />
        </section>
    }
}

fn status_class(status: &str) -> String {
    format!("status status-{}", status.to_ascii_lowercase())
}

#[component]
fn RunningJobs() -> impl IntoView {
    let engine = use_engine();
    let keys = Memo::new(move |_| engine.read(|sh| top_level_jobs(&sh.cluster)));
    let none = move || keys.with(Vec::is_empty);
    view! {
        <div class="dash-panel" data-testid="running-jobs" data-tour="jobs">
            <h3>"Running"</h3>
            <p class="dash-note" hidden=move || !none()>
                "No backup job is running."
            </p>
            <div class="table-scroll" hidden=none>
                <table class="grid jobs-table">
                    <thead>
                        <tr>
                            <th scope="col">"Tenant"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Progress"</th>
                        </tr>
                    </thead>
                    <For
                        each=move || keys.get()
                        key=|k| *k
                        children=move |k| view! { <JobGroup key=k /> }
                    />
                </table>
            </div>
        </div>
    }
}

/// A job and, for a sys CLUSTER job, the tenant jobs it started.
#[component]
fn JobGroup(key: JobKey) -> impl IntoView {
    let engine = use_engine();
    let children = Memo::new(move |_| {
        if key.0 == SYS_TENANT_ID {
            engine.read(|sh| children_of(&sh.cluster, key.1))
        } else {
            Vec::new()
        }
    });
    view! {
        <tbody class="job-group">
            <JobRow key=key child=false />
            <For
                each=move || children.get()
                key=|k| *k
                children=move |k| view! { <JobRow key=k child=true /> }
            />
        </tbody>
    }
}

#[component]
fn JobRow(key: JobKey, child: bool) -> impl IntoView {
    let engine = use_engine();
    let job = Memo::new(move |_| engine.read(|sh| running_job(sh, key)).unwrap_or_default());
    let text = move |f: fn(&RunningJob) -> String| move || job.with(f);
    let prog = move |f: fn(&Progress) -> String| {
        move || job.with(|j| j.progress.as_ref().map_or_else(|| "—".to_string(), f))
    };
    let (tenant, job_id) = job.with_untracked(|j| (j.tenant.clone(), j.job_id));
    let denied = move || job.with(|j| j.cancel.is_none());
    let cancel = move || {
        if let Some(sql) = job.with_untracked(|j| j.cancel.clone()) {
            engine.run_sql.run(sql);
        }
    };
    let need = if key.0 == SYS_TENANT_ID {
        "connect as root@sys"
    } else {
        NEEDS_SESSION
    };
    view! {
        <tr
            class=if child { "job job-child" } else { "job" }
            data-tenant=key.0.to_string()
            data-job=key.1.to_string()
            on:keydown=move |ev| {
                let plain = !(ev.ctrl_key() || ev.meta_key() || ev.alt_key());
                if plain && ev.key().eq_ignore_ascii_case("c") && !crate::keys::in_text_field(&ev) {
                    ev.prevent_default();
                    cancel();
                }
            }
        >
            <th scope="row">
                {child.then_some(view! { <span aria-hidden="true">"↳\u{a0}"</span> })}
                {tenant.clone()}
                <small class="job-id">"job " {job_id}</small>
            </th>
            <td data-label="Type">{text(|j| j.backup_type.clone())} " " <small>{text(|j| j.level.clone())}</small></td>
            <td data-label="Status">
                <span class=move || job.with(|j| status_class(&j.status))>
                    {text(|j| j.status.clone())}
                </span>
                <button
                    class="cancel-job"
                    type="button"
                    data-action="cancel-job"
                    disabled=denied
                    title=move || job.with(|j| j.cancel.clone()).unwrap_or_else(|| need.into())
                    aria-label=format!("Cancel {tenant} job {job_id}")
                    aria-keyshortcuts="C"
                    on:click=move |_: MouseEvent| cancel()
                >
                    "Cancel"
                </button>
            </td>
            <td class="progress-cell" data-label="Progress">
                <span class="phase" data-testid="task-status">{prog(|p| p.task_status.clone())}</span>
                <span class="bar">
                    <progress
                        max=move || job.with(|j| j.progress.as_ref().map_or(1, |p| p.total.max(1)).to_string())
                        value=move || job.with(|j| j.progress.as_ref().map_or(0, |p| p.finished).to_string())
                        aria-label=format!("Progress of {tenant} job {job_id}")
                    ></progress>
                    " "
                    <span data-testid="percent">{prog(|p| format!("{}%", p.percent))}</span>
                </span>
                <span class="figures">
                    <span data-testid="blocks" title="Macroblocks copied / planned">{prog(|p| format!("{}/{}", p.finished, p.total))}</span>
                    " blocks · "
                    <span data-testid="input" title="Input bytes">{prog(|p| format::bytes(p.input_bytes))}</span>
                    " · "
                    <span data-testid="rate">{prog(|p| format!("{}/s", format::bytes(p.rate)))}</span>
                    " · ETA "
                    <span data-testid="eta">
                        {prog(|p| p.eta.map_or_else(|| "—".into(), format::duration_secs))}
                    </span>
                </span>
            </td>
        </tr>
    }
}

#[component]
fn JobHistory() -> impl IntoView {
    let engine = use_engine();
    let rows = Memo::new(move |_| engine.read(|sh| history(&sh.cluster)));
    let none = move || rows.with(Vec::is_empty);
    view! {
        <div class="dash-panel" data-testid="job-history" data-tour="history">
            <h3>"History"</h3>
            <p class="dash-note" hidden=move || !none()>
                "No finished job yet."
            </p>
            <div class="table-scroll" hidden=none>
                <table class="grid history-table">
                    <thead>
                        <tr>
                            <th scope="col">"Tenant"</th>
                            <th scope="col" class="num">"Job"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col" class="num">"Set"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col" class="num">"Result"</th>
                            <th scope="col">"Ended"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|r| r.clone()
                            children=move |r| view! { <HistoryLine row=r /> }
                        />
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn HistoryLine(row: HistoryRow) -> impl IntoView {
    let failed = row.status == "FAILED";
    // A failed job's cause in full, under its row; other comments in short.
    let comment = if failed || row.comment.chars().count() <= COMMENT_CHARS {
        row.comment.clone()
    } else {
        truncate(&row.comment, COMMENT_CHARS)
    };
    let title = (!row.comment.is_empty()).then(|| row.comment.clone());
    let class = status_class(&row.status);
    let time = super::model::time_of(&row.end);
    let no_comment = row.comment.is_empty();
    view! {
        <tr data-tenant=row.tenant_id.to_string() data-job=row.job_id.to_string() class:failed=failed>
            <th scope="row">{row.tenant}</th>
            <td class="num" data-label="Job">{row.job_id}</td>
            <td data-label="Type">{row.backup_type} " " <small>{row.level}</small></td>
            <td class="num" data-label="Set">{row.set_id}</td>
            <td data-label="Status">
                <span class=class data-testid="status">{row.status}</span>
            </td>
            <td class="num" data-label="Result" data-testid="result">{row.result}</td>
            <td data-label="Ended" title=row.end.clone()>{time}</td>
            <td class="comment" translate="no" title=title data-testid="comment" hidden=no_comment>{comment}</td>
        </tr>
    }
}
