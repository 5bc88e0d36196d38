//! The restore jobs on the cluster (R§3.3–R§3.4, R§8): the RootService checks of ALTER SYSTEM
//! RESTORE in OceanBase's order, the statement's wait for the new tenant, the sys job
//! (CREATE_TENANT → WAIT_TENANT_RESTORE_FINISH → RESTORE_SUCCESS | RESTORE_FAIL) and the user job
//! (RESTORE_PRE → … → UPGRADE → RESTORE_SUCCESS | RESTORE_FAIL), each state visible a moment,
//! and CANCEL RESTORE.
//!
//! Invariant: `start_restore` changes nothing unless every check passed; a job leaves `jobs`
//! only through `finish_restore_job`, which puts it in history in the same step; the restored
//! tenant's data is built at the end of POST_CHECK from the chain and the log (`standby`).

use super::{
    DataMode, RESTORE_BYTES_PER_SEC, RestoreJob, RestoreMethod, RestoreOptions, RestorePlan,
    RestoreRequest, RestoreStatus, TenantRecovery,
};
use crate::backup::FileStatus;
use crate::cluster::{
    CLUSTER_VERSION, Cluster, Event, SYS_TENANT_ID, Tenant, TenantStatus, TenantType,
};
use crate::compat::CompatMode;
use crate::error::{ObError, ObResult, code, ob_error_name, ob_message};
use crate::sim::{Micros, SECOND, Stream};
use crate::storage::MACRO_BLOCK_SIZE;

/// The RESTORE statement waits at most this long for its tenant (its own timeout, R§3.4).
const RESTORE_WAIT_LIMIT: Micros = 600 * SECOND;

/// 4.3.3.0 as OceanBase encodes a cluster version.
const CLUSTER_VERSION_CODE: u64 = 17_180_067_840;

/// Parses the option string (R§3.2): `key=value` pairs joined by `&`, keys in any case, no
/// blank anywhere, unknown keys ignored; `pool_list` required.
pub fn parse_options(text: &str) -> ObResult<RestoreOptions> {
    if text.is_empty() || text.contains(char::is_whitespace) {
        return Err(ObError::invalid_argument_plain());
    }
    let mut options = RestoreOptions::default();
    for pair in text.split('&') {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(ObError::invalid_argument_plain());
        };
        match key.to_ascii_lowercase().as_str() {
            "pool_list" => {
                options.pools = value
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            "locality" => options.locality = Some(value.to_string()),
            "primary_zone" => options.primary_zone = Some(value.to_string()),
            "concurrency" => {
                let n = value
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n <= 100)
                    .ok_or_else(|| ObError::invalid_argument("restore concurrency"))?;
                options.concurrency = Some(n);
            }
            "method" => {
                options.method = match value.to_ascii_lowercase().as_str() {
                    "full" => RestoreMethod::Full,
                    "quick" => RestoreMethod::Quick,
                    _ => return Err(ObError::invalid_argument_plain()),
                };
            }
            _ => {}
        }
    }
    if options.pools.is_empty() {
        return Err(ObError::invalid_argument_plain());
    }
    Ok(options)
}

impl Cluster {
    /// ALTER SYSTEM RESTORE from the RootService on (R§3.3 steps 5–14): upgrade mode, options,
    /// paths and window (`plan_restore`), the name, the pools, a restore of the same name; then
    /// the sys job in CREATE_TENANT. A failing check changes nothing.
    pub fn start_restore(&mut self, req: &RestoreRequest) -> ObResult<u64> {
        let (options, plan) = self.check_restore(req)?;
        Ok(self.insert_restore(req, options, &plan))
    }

    /// The checks of `start_restore`, changing nothing: what RECOVER TABLE runs for its
    /// auxiliary tenant before its own checks (`fill_aux_tenant_restore_info_`).
    pub(super) fn check_restore(
        &mut self,
        req: &RestoreRequest,
    ) -> ObResult<(RestoreOptions, RestorePlan)> {
        if self.upgrading {
            return Err(ObError::op_not_allow("in upgrade mode"));
        }
        let options = parse_options(&req.options)?;
        let plan = self.plan_restore(&req.source, &req.until, Some(&req.decryption_digests))?;
        if self.tenant_by_name(&req.tenant_name).is_some() {
            return Err(ObError::op_not_allow(
                "restore tenant with existed tenant name is",
            ));
        }
        for p in &options.pools {
            if self.resources.pool(p).is_none() {
                return Err(ObError::resource_pool_not_exist(p));
            }
        }
        if let Some(locality) = &options.locality {
            check_locality(locality, &self.resources.zones_of(&options.pools))?;
        }
        if self
            .restore
            .jobs
            .iter()
            .any(|j| j.is_sys() && j.restore_tenant_name.eq_ignore_ascii_case(&req.tenant_name))
        {
            return Err(ObError::restore_in_progress());
        }
        Ok((options, plan))
    }

    /// The sys job in CREATE_TENANT, once every check passed.
    pub(super) fn insert_restore(
        &mut self,
        req: &RestoreRequest,
        options: RestoreOptions,
        plan: &RestorePlan,
    ) -> u64 {
        let src = plan.backup_tenant_id;
        self.sync_storage(src);
        let storage = self.storage.get(&src);
        let tablet_count = storage.map_or(0, |s| s.tablets.len() as u64);
        let ls_count = storage.map_or(0, |s| s.log_streams.len() as u64);
        let total_bytes = storage.map_or(0, |s| s.block_count() as u64 * MACRO_BLOCK_SIZE);
        let choice = &plan.choice;
        let now = self.now();
        self.restore.last_job_id += 1;
        let job_id = self.restore.last_job_id;
        let set_list: Vec<String> = choice
            .sets
            .iter()
            .map(|s| format!("{}/{}", s.path, s.dir_name()))
            .collect();
        let piece_list: Vec<String> = choice.pieces.iter().map(|p| p.path()).collect();
        let delay = self.rng.range(Stream::Durations, 8 * SECOND, 15 * SECOND);
        self.restore.jobs.push(RestoreJob {
            tenant_id: SYS_TENANT_ID,
            job_id,
            restore_tenant_name: req.tenant_name.clone(),
            restore_tenant_id: 0,
            backup_tenant_name: self.tenant(src).map(|t| t.name.clone()).unwrap_or_default(),
            backup_tenant_id: src,
            backup_cluster_name: "obcluster".into(),
            backup_dest: req.source.text(),
            restore_option: req.options.clone(),
            options,
            restore_scn: choice.restore_scn,
            consistent_scn: choice.consistent_scn(),
            status: RestoreStatus::CreateTenant,
            start_ts: now,
            finish_ts: 0,
            backup_set_list: set_list.join(","),
            backup_piece_list: piece_list.join(","),
            set_ids: choice.sets.iter().map(|s| s.backup_set_id).collect(),
            log_source: plan.log_source.clone(),
            backup_cluster_version: CLUSTER_VERSION_CODE,
            ls_count,
            finish_ls_count: 0,
            tablet_count,
            finish_tablet_count: 0,
            total_bytes,
            finish_bytes: 0,
            description: req.description.clone(),
            comment: String::new(),
            result: 0,
            succeeded: false,
            phase_until: now + delay,
        });
        self.rs_event(
            "physical_restore",
            "restore_start",
            SYS_TENANT_ID,
            0,
            format!("tenant={}", req.tenant_name),
        );
        self.schedule(
            now + delay,
            Event::RestoreStep {
                tenant_id: SYS_TENANT_ID,
                job_id,
            },
        );
        job_id
    }

    /// The whole RESTORE statement after its resolver: `start_restore`, then the wait of
    /// R§3.4, one simulated second at a time, until the new tenant exists (its meta tenant is
    /// NORMAL from creation) or the sys job ended in failure (9099 with its COMMENT). Returns
    /// the outcome and the simulated time the statement waited.
    pub fn restore_tenant(&mut self, req: &RestoreRequest) -> (ObResult<u64>, Micros) {
        let job_id = match self.start_restore(req) {
            Ok(id) => id,
            Err(e) => return (Err(e), 0),
        };
        let started = self.now();
        loop {
            let waited = self.now() - started;
            let Some(j) = self.restore.sys_job(job_id) else {
                return (Err(ObError::internal()), waited);
            };
            if j.restore_tenant_id != 0 && self.tenant(j.restore_tenant_id).is_some() {
                return (Ok(job_id), waited);
            }
            if j.finish_ts != 0 && !j.succeeded {
                let e = ObError::restore_tenant_failed(&j.restore_tenant_name, &j.comment);
                return (Err(e), waited);
            }
            if waited >= RESTORE_WAIT_LIMIT || self.at_time_limit() {
                return (Err(ObError::timeout()), waited);
            }
            self.advance(SECOND);
        }
    }

    /// One step of a restore job (sys or user), when its current state's time is up.
    pub(crate) fn step_restore(&mut self, tenant_id: u64, job_id: u64) {
        let now = self.now();
        let Some(pos) = self
            .restore
            .jobs
            .iter()
            .position(|j| j.tenant_id == tenant_id && j.job_id == job_id)
        else {
            return;
        };
        let job = self.restore.jobs[pos].clone();
        if now < job.phase_until {
            self.schedule(job.phase_until, Event::RestoreStep { tenant_id, job_id });
            return;
        }
        let next = if job.is_sys() {
            self.step_sys_restore(job)
        } else {
            self.step_user_restore(job)
        };
        let Some(next) = next else {
            return;
        };
        let wake = next.phase_until;
        if let Some(slot) = self
            .restore
            .jobs
            .iter_mut()
            .find(|j| j.tenant_id == tenant_id && j.job_id == job_id)
        {
            *slot = next;
        }
        self.schedule(wake, Event::RestoreStep { tenant_id, job_id });
    }

    /// A scheduler round: 1–2 s.
    pub(super) fn round(&mut self) -> Micros {
        self.now() + self.rng.range(Stream::Durations, SECOND, 2 * SECOND)
    }

    /// A phase: 1–3 s.
    pub(super) fn phase(&mut self) -> Micros {
        self.now() + self.rng.range(Stream::Durations, SECOND, 3 * SECOND)
    }

    /// The sys job's step; None when the job left `jobs`.
    fn step_sys_restore(&mut self, mut job: RestoreJob) -> Option<RestoreJob> {
        match job.status {
            RestoreStatus::CreateTenant => match self.create_restore_tenant(&job) {
                Ok(id) => {
                    job.restore_tenant_id = id;
                    job.status = RestoreStatus::WaitTenantRestoreFinish;
                    job.phase_until = self.round();
                }
                Err(ob_code) => {
                    job.comment = self.rootservice_comment(ob_code);
                    job.result = ob_code;
                    job.status = RestoreStatus::RestoreFail;
                    job.phase_until = self.round();
                }
            },
            RestoreStatus::WaitTenantRestoreFinish => {
                let id = job.restore_tenant_id;
                let user = self
                    .restore
                    .history
                    .iter()
                    .find(|h| h.tenant_id == id && h.job_id == job.job_id)
                    .cloned();
                match user {
                    Some(u) => {
                        copy_counters(&mut job, &u);
                        if u.succeeded {
                            if let Some(t) = self.tenants.iter_mut().find(|t| t.id == id) {
                                t.status = TenantStatus::Normal;
                            }
                            job.status = RestoreStatus::RestoreSuccess;
                        } else {
                            job.result = code::OB_ERROR;
                            job.comment = u.comment.clone();
                            job.status = RestoreStatus::RestoreFail;
                        }
                    }
                    None if self.tenant(id).is_none() => {
                        job.result = code::OB_TENANT_NOT_EXIST;
                        job.comment = self.rootservice_comment(code::OB_TENANT_NOT_EXIST);
                        job.status = RestoreStatus::RestoreFail;
                    }
                    None => {}
                }
                job.phase_until = self.round();
            }
            RestoreStatus::RestoreSuccess | RestoreStatus::RestoreFail => {
                self.finish_restore_job(job);
                return None;
            }
            _ => job.phase_until = self.round(),
        }
        Some(job)
    }

    /// The user job's step; None when the job left `jobs`.
    fn step_user_restore(&mut self, mut job: RestoreJob) -> Option<RestoreJob> {
        let id = job.tenant_id;
        match job.status {
            RestoreStatus::RestorePre => {
                if let Some(r) = self.restore.recovery_mut(id) {
                    r.data_mode = DataMode::Remote;
                }
                job.status = RestoreStatus::RestoreCreateInitLs;
                job.phase_until = self.phase();
            }
            RestoreStatus::RestoreCreateInitLs => {
                let source = job.log_source.clone();
                if let Some(r) = self.restore.recovery_mut(id) {
                    r.source = source;
                }
                job.status = RestoreStatus::WaitRestoreToConsistentScn;
                job.phase_until = self.phase();
            }
            RestoreStatus::WaitRestoreToConsistentScn => {
                let (consistent, restore_scn) = (job.consistent_scn, job.restore_scn);
                if let Some(r) = self.restore.recovery_mut(id) {
                    r.readable_scn = consistent;
                    r.recovery_until_scn = restore_scn;
                }
                job.status = RestoreStatus::RestoreWaitLs;
                job.phase_until = self.now();
            }
            RestoreStatus::RestoreWaitLs => {
                if let Some(root) = self.unreachable_root_of(&job) {
                    job.comment = self.ls_comment(&root);
                    job.result = -9094;
                    job.status = RestoreStatus::RestoreFail;
                    job.phase_until = self.round();
                    return Some(job);
                }
                if self.cleaned_under(&job) {
                    // `tenant_restore_finish` (R§9.2); ASSUME: when a set or piece the restore
                    // reads is being deleted by the cleanup while the data is copied.
                    job.comment = "physical restore run concurrently with backup data clean, \
                        please check backup and archive jobs;"
                        .into();
                    job.result = code::OB_ERROR;
                    job.status = RestoreStatus::RestoreFail;
                    job.phase_until = self.round();
                    return Some(job);
                }
                job.finish_bytes = (job.finish_bytes + RESTORE_BYTES_PER_SEC).min(job.total_bytes);
                job.finish_tablet_count = (job.tablet_count * job.finish_bytes)
                    .checked_div(job.total_bytes)
                    .unwrap_or(job.tablet_count);
                let span = job.restore_scn.saturating_sub(job.consistent_scn);
                let done = u128::from(span) * u128::from(job.finish_bytes)
                    / u128::from(job.total_bytes.max(1));
                let readable = job.consistent_scn + u64::try_from(done).unwrap_or(span).min(span);
                if let Some(r) = self.restore.recovery_mut(id) {
                    r.readable_scn = readable;
                }
                job.phase_until = self.now() + SECOND;
                if job.finish_bytes >= job.total_bytes {
                    job.finish_ls_count = job.ls_count;
                    job.finish_tablet_count = job.tablet_count;
                    job.status = RestoreStatus::PostCheck;
                    job.phase_until = self.round();
                }
            }
            RestoreStatus::PostCheck => {
                self.build_restored_data(&job);
                let quick = job.options.method == RestoreMethod::Quick;
                if let Some(r) = self.restore.recovery_mut(id) {
                    r.readable_scn = job.restore_scn;
                    if !quick {
                        r.data_mode = DataMode::Normal;
                    }
                }
                if let Some(t) = self.tenants.iter_mut().find(|t| t.id == id) {
                    t.role = "STANDBY".into();
                }
                job.status = RestoreStatus::Upgrade;
                job.phase_until = self.now() + SECOND;
            }
            RestoreStatus::Upgrade => {
                job.status = RestoreStatus::RestoreSuccess;
                job.phase_until = self.round();
            }
            RestoreStatus::RestoreSuccess | RestoreStatus::RestoreFail => {
                self.finish_restore_job(job);
                return None;
            }
            _ => job.phase_until = self.round(),
        }
        Some(job)
    }

    /// A job row moves to history: SUCCESS or FAIL.
    fn finish_restore_job(&mut self, mut job: RestoreJob) {
        self.restore
            .jobs
            .retain(|j| !(j.tenant_id == job.tenant_id && j.job_id == job.job_id));
        job.finish_ts = self.now();
        job.succeeded = job.status == RestoreStatus::RestoreSuccess;
        if job.is_sys() {
            let ev = if job.succeeded {
                "restore_success"
            } else {
                "restore_failed"
            };
            self.rs_event(
                "physical_restore",
                ev,
                SYS_TENANT_ID,
                job.result,
                format!("tenant={}", job.restore_tenant_name),
            );
        }
        self.restore.history.push(job);
    }

    /// The end of CREATE_TENANT (R§2.4, R§8.3): the asynchronous checks (a pool granted in the
    /// meantime, a primary zone outside the pools), then the tenant in RESTORE, its meta tenant
    /// NORMAL, the pools granted and the user job in RESTORE_PRE. Err: the OB code it failed on.
    fn create_restore_tenant(&mut self, job: &RestoreJob) -> Result<u64, i32> {
        if self.resources.granted_among(&job.options.pools).is_some() {
            return Err(code::OB_RESOURCE_POOL_ALREADY_GRANTED);
        }
        if let Some(z) = &job.options.primary_zone
            && !self.resources.zones_of(&job.options.pools).contains(z)
        {
            return Err(code::OB_PRIMARY_ZONE_NOT_IN_ZONE_LIST);
        }
        let now = self.now();
        // Tenant ids are never reused: past the newest tenant and every restore's tenant.
        let newest = self
            .tenants
            .iter()
            .map(|t| t.id)
            .chain(self.restore.history.iter().map(|j| j.restore_tenant_id))
            .chain(self.restore.jobs.iter().map(|j| j.restore_tenant_id))
            .max()
            .unwrap_or(1000)
            .max(1000);
        let id = newest / 2 * 2 + 2;
        let (mode, data_version) = self
            .tenant(job.backup_tenant_id)
            .map_or((CompatMode::MySql, CLUSTER_VERSION.to_string()), |t| {
                (t.mode, t.data_version.clone())
            });
        let tenant = Tenant {
            id,
            name: job.restore_tenant_name.clone(),
            tenant_type: TenantType::User,
            mode,
            status: TenantStatus::Restore,
            role: "RESTORE".into(),
            data_version,
            create_time: now,
            primary_zone: job.options.primary_zone.clone(),
        };
        let meta = Tenant {
            id: id - 1,
            name: format!("META${id}"),
            tenant_type: TenantType::Meta,
            mode: CompatMode::MySql,
            status: TenantStatus::Normal,
            role: "PRIMARY".into(),
            ..tenant.clone()
        };
        self.tenants.push(meta);
        self.tenants.push(tenant);
        crate::order::sort_by_key(&mut self.tenants, |t| t.id);
        self.user_data
            .insert(id, crate::userdata::UserData::for_mode(mode));
        self.archive.insert(id, Default::default());
        self.backup.insert(id, Default::default());
        self.resources.grant(&job.options.pools, id, now);
        self.restore.recovering.push(TenantRecovery {
            tenant_id: id,
            backup_tenant_id: job.backup_tenant_id,
            readable_scn: 1,
            recovery_until_scn: job.consistent_scn,
            data_mode: DataMode::Normal,
            source: None,
            data_built: false,
        });
        let until = self.phase();
        let mut user = job.clone();
        user.tenant_id = id;
        user.restore_tenant_id = id;
        user.status = RestoreStatus::RestorePre;
        user.phase_until = until;
        self.restore.jobs.push(user);
        self.schedule(
            until,
            Event::RestoreStep {
                tenant_id: id,
                job_id: job.job_id,
            },
        );
        Ok(id)
    }

    /// `ROOTSERVICE : <OB_ERROR_NAME>(<code>) on <addr> with traceid <trace>` (R§9.2; the address
    /// and trace formatting are unverified, ASSUME the backup comments' style).
    fn rootservice_comment(&self, ob_code: i32) -> String {
        let addr = self.servers.first().map(|s| s.addr()).unwrap_or_default();
        let trace = format!("YB420A000001-{:016X}-0-0", self.now() ^ SYS_TENANT_ID);
        format!(
            "ROOTSERVICE : {}({ob_code}) on {addr} with traceid {trace}",
            ob_error_name(ob_code)
        )
    }

    /// A log stream's failure comment (`ObHAResultInfo`, module RESTORE_DATA, B§2.7 style).
    fn ls_comment(&self, _root: &str) -> String {
        let addr = self.servers.first().map(|s| s.addr()).unwrap_or_default();
        let trace = format!("YB420A000001-{:016X}-0-0", self.now());
        let c = code::OB_BACKUP_DEST_NOT_CONNECT;
        format!(
            "(SERVER)ls_id: 1001, addr: {addr}, module: RESTORE_DATA, result: {c}({}), trace_id: {trace}",
            ob_message(c)
        )
    }

    /// A destination the restore reads (the chain's data root, its log's roots) that a fault
    /// made unreachable.
    fn unreachable_root_of(&self, job: &RestoreJob) -> Option<String> {
        let data = job
            .backup_set_list
            .split(',')
            .filter_map(|p| p.rsplit_once('/').map(|(root, _)| root.to_string()));
        let log = job
            .backup_piece_list
            .split(',')
            .filter_map(|p| p.rsplit_once('/').map(|(root, _)| root.to_string()));
        data.chain(log)
            .find(|root| !root.is_empty() && self.medium.is_unreachable(root))
    }

    /// Whether the cleanup has started deleting a set or a piece this restore reads (its
    /// FILE_STATUS is no longer AVAILABLE).
    fn cleaned_under(&self, job: &RestoreJob) -> bool {
        let src = job.backup_tenant_id;
        let set_gone = job.set_ids.iter().any(|id| {
            self.backup
                .get(&src)
                .and_then(|b| b.set(*id))
                .is_none_or(|s| s.file_status != FileStatus::Available)
        });
        let piece_gone = job
            .backup_piece_list
            .split(',')
            .filter(|p| !p.is_empty())
            .any(|p| {
                self.piece_by_dir(p)
                    .is_none_or(|(_, piece)| piece.file_status != FileStatus::Available)
            });
        set_gone || piece_gone
    }

    /// `ALTER SYSTEM CANCEL RESTORE name` (R§11): a forced drop of a tenant in STATUS RESTORE
    /// (running or failed), with its meta tenant, data and pools; the sys job notices on its
    /// next round and fails with −5157.
    pub fn cancel_restore(&mut self, name: &str) -> ObResult<()> {
        let Some(t) = self.tenant_by_name(name).filter(|t| t.is_user()) else {
            return Err(ObError::unknown_tenant(name));
        };
        if t.status != TenantStatus::Restore {
            return Err(ObError::op_not_allow("Cancel tenant not in restore is"));
        }
        let id = t.id;
        self.drop_restored_tenant(id);
        Ok(())
    }

    /// Stops the restore `job_id` (its sys job) for a canceled RECOVER TABLE: a tenant already
    /// created is dropped (the sys job then fails with −5157, as after CANCEL RESTORE); before
    /// that, the sys job fails at once with −4072 (`OB_CANCELED`). A finished job stays as is.
    pub(super) fn abort_restore(&mut self, job_id: u64) {
        let Some(job) = self
            .restore
            .jobs
            .iter()
            .find(|j| j.is_sys() && j.job_id == job_id)
            .cloned()
        else {
            return;
        };
        if job.restore_tenant_id != 0 && self.tenant(job.restore_tenant_id).is_some() {
            self.remove_restored_tenant(job.restore_tenant_id);
            return;
        }
        let comment = self.rootservice_comment(code::OB_CANCELED);
        let now = self.now();
        if let Some(j) = self
            .restore
            .jobs
            .iter_mut()
            .find(|j| j.is_sys() && j.job_id == job_id)
        {
            j.status = RestoreStatus::RestoreFail;
            j.result = code::OB_CANCELED;
            j.comment = comment;
            j.phase_until = now;
        }
        self.schedule(
            now,
            Event::RestoreStep {
                tenant_id: SYS_TENANT_ID,
                job_id,
            },
        );
    }

    /// Removes a restored tenant and everything that lived in it or its meta tenant (its job
    /// rows included); its pools go back to unused.
    fn drop_restored_tenant(&mut self, id: u64) {
        self.remove_restored_tenant(id);
        self.rs_event(
            "physical_restore",
            "cancel_restore",
            SYS_TENANT_ID,
            0,
            format!("tenant_id={id}"),
        );
    }

    /// `drop_restored_tenant` without its event (RECOVER TABLE drops its auxiliary tenant).
    pub(super) fn remove_restored_tenant(&mut self, id: u64) {
        let now = self.now();
        self.tenants.retain(|t| t.id != id && t.id != id - 1);
        self.storage.remove(&id);
        self.user_data.remove(&id);
        self.archive.remove(&id);
        self.backup.remove(&id);
        self.resources.release(id, now);
        self.restore.recovering.retain(|r| r.tenant_id != id);
        self.restore.jobs.retain(|j| j.tenant_id != id);
        self.restore.history.retain(|j| j.tenant_id != id);
    }
}

/// The sys history row copies the counters of the user row (`init_initiator_job_history`).
fn copy_counters(sys: &mut RestoreJob, user: &RestoreJob) {
    sys.ls_count = user.ls_count;
    sys.finish_ls_count = user.finish_ls_count;
    sys.tablet_count = user.tablet_count;
    sys.finish_tablet_count = user.finish_tablet_count;
    sys.total_bytes = user.total_bytes;
    sys.finish_bytes = user.finish_bytes;
}

/// `locality` against the pools' zones: `F@zone1,F@zone2` (a count in braces allowed); a zone
/// outside the pools or a malformed item is 1210 (ASSUME, R§2.4 leaves the text open); a C
/// (column-store) replica is 1235.
fn check_locality(locality: &str, zones: &[String]) -> ObResult<()> {
    let mut columnstore = false;
    for item in locality.split(',') {
        let Some((kind, zone)) = item.split_once('@') else {
            return Err(ObError::invalid_argument("locality"));
        };
        let kind = kind
            .split('{')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let known = matches!(
            kind.as_str(),
            "F" | "FULL" | "R" | "READONLY" | "C" | "COLUMNSTORE"
        );
        if !known || !zones.iter().any(|z| z == zone) {
            return Err(ObError::invalid_argument("locality"));
        }
        columnstore |= matches!(kind.as_str(), "C" | "COLUMNSTORE");
    }
    if columnstore {
        return Err(ObError::not_supported_text(
            "restore tenant with COLUMNSTORE replica in locality is",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
