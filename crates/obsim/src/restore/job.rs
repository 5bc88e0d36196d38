//! Restore jobs on the cluster: planning (set chain + pieces), the job's steps, success (the new
//! tenant gets the source's blocks and rows as of the restore SCN), cancel and activate.

use super::{RestoreJob, RestorePlan, RestoreRequest, RestoreStatus};
use crate::backup::{BackupSet, BackupType};
use crate::cluster::{Cluster, Event, SYS_TENANT_ID, Tenant, TenantStatus, TenantType};
use crate::compat::CompatMode;
use crate::error::{ObError, ObResult};
use crate::sim::{SECOND, Stream};
use crate::storage::MACRO_BLOCK_SIZE;

/// Restore copies faster than backup (mid/high HA threads, no compression work).
const RESTORE_BYTES_PER_SEC: u64 = 256 << 20;

impl Cluster {
    /// Chooses sets and pieces for a restore (§7.1): the newest set whose MIN_RESTORE_SCN ≤ the
    /// target with its chain back to a FULL, then archived log from its START_REPLAY_SCN.
    pub fn plan_restore(&self, uris: &[String], until_scn: Option<u64>) -> ObResult<RestorePlan> {
        let mut normalized = Vec::new();
        for u in uris {
            match crate::medium::validate_uri(u) {
                Ok(p) => normalized.push(p),
                Err(_) => return Err(ObError::invalid_backup_dest_uri(u)),
            }
        }
        // Which tenants' sets and rounds live at these paths.
        let mut data_tenants: Vec<u64> = Vec::new();
        let mut archive: Option<(u64, String)> = None;
        for p in &normalized {
            for (&t, b) in &self.backup {
                if b.sets.iter().any(|s| &s.path == p) && !data_tenants.contains(&t) {
                    data_tenants.push(t);
                }
            }
            for (&t, a) in &self.archive {
                if a.all_rounds().any(|r| &r.path == p) {
                    archive = Some((t, p.clone()));
                }
            }
        }
        if data_tenants.len() > 1 {
            return Err(ObError::op_not_allow(
                "restoring backupsets of different tenants",
            ));
        }
        let Some(&tenant_id) = data_tenants.first() else {
            return Err(ObError::entry_not_exist(
                "no backup set path or log piece can be used to restore",
            ));
        };
        let Some((archive_tenant, archive_path)) = archive else {
            return Err(ObError::restore_source_not_enough("no usable log pieces"));
        };
        if archive_tenant != tenant_id {
            return Err(ObError::op_not_allow(
                "restoring backup pieces of different tenants",
            ));
        }
        let Some(tenant_archive) = self.archive.get(&tenant_id) else {
            return Err(ObError::restore_source_not_enough("no usable log pieces"));
        };
        let max_recoverable = tenant_archive
            .all_rounds()
            .filter(|r| r.path == archive_path)
            .map(|r| r.checkpoint_scn)
            .max()
            .unwrap_or(0);
        let target = until_scn.unwrap_or(max_recoverable);
        let Some(backup) = self.backup.get(&tenant_id) else {
            return Err(ObError::entry_not_exist(
                "no backup set path or log piece can be used to restore",
            ));
        };
        let usable: Vec<&BackupSet> = backup
            .sets
            .iter()
            .filter(|s| s.is_usable_base() && normalized.contains(&s.path))
            .collect();
        if !usable.iter().any(|s| s.backup_type == BackupType::Full) {
            return Err(ObError::restore_source_not_enough(
                "no full backup set exists",
            ));
        }
        let Some(last) = usable
            .iter()
            .filter(|s| s.min_restore_scn <= target)
            .max_by_key(|s| s.backup_set_id)
        else {
            return Err(ObError::restore_source_not_enough(
                "no backup set is available",
            ));
        };
        // Walk back the PREV_INC chain to the full.
        let mut chain = vec![(*last).clone()];
        let mut cur = *last;
        while cur.backup_type == BackupType::Inc {
            let Some(prev) = usable
                .iter()
                .find(|s| s.backup_set_id == cur.prev_inc_backup_set_id)
            else {
                return Err(ObError::restore_source_not_enough(
                    "no backup set is available",
                ));
            };
            chain.push((*prev).clone());
            cur = prev;
        }
        chain.reverse();
        let replay_from = last.start_replay_scn;
        let round = tenant_archive
            .all_rounds()
            .find(|r| r.path == archive_path && r.covers(replay_from, target));
        let Some(round) = round else {
            return Err(ObError::restore_source_not_enough(
                "No enough log for restore",
            ));
        };
        let pieces = (round.piece_of(replay_from)..=round.piece_of(target))
            .map(|p| {
                format!(
                    "{}/piece_d{}r{}p{}",
                    archive_path, round.dest_id, round.round_id, p
                )
            })
            .collect();
        Ok(RestorePlan {
            backup_tenant_id: tenant_id,
            sets: chain,
            archive_path,
            pieces,
            restore_scn: target,
        })
    }

    /// `ALTER SYSTEM RESTORE`: checks, then a new tenant in RESTORE and a restore job.
    pub fn start_restore(&mut self, req: &RestoreRequest) -> ObResult<u64> {
        if self.tenant_by_name(&req.tenant_name).is_some() {
            return Err(ObError::op_not_allow(
                "restore tenant with existed tenant name is",
            ));
        }
        if self
            .restore
            .jobs
            .iter()
            .any(|j| j.restore_tenant_name.eq_ignore_ascii_case(&req.tenant_name))
        {
            return Err(ObError::restore_in_progress());
        }
        let pool_list = req
            .options
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| k.eq_ignore_ascii_case("pool_list"))
            .map(|(_, v)| v.to_string())
            .filter(|v| !v.is_empty());
        if pool_list.is_none() || req.options.contains(' ') {
            return Err(ObError::invalid_argument_plain());
        }
        let plan = self.plan_restore(&req.uris, req.until_scn)?;
        for set in &plan.sets {
            if let Some(d) = &set.encryption.passwd_digest
                && !req.decryption_digests.contains(d)
            {
                return Err(ObError::invalid_backup_password());
            }
        }
        let source = self.tenant(plan.backup_tenant_id).cloned();
        let Some(source) = source else {
            return Err(ObError::entry_not_exist(
                "no backup set path or log piece can be used to restore",
            ));
        };
        let new_id = self
            .tenants
            .iter()
            .map(|t| t.id)
            .max()
            .unwrap_or(1002)
            .max(1000)
            / 2
            * 2
            + 2;
        let now = self.now();
        let mut tenant = Tenant {
            id: new_id,
            name: req.tenant_name.clone(),
            tenant_type: TenantType::User,
            mode: source.mode,
            status: TenantStatus::Restore,
            role: "RESTORE".into(),
            data_version: source.data_version.clone(),
            create_time: now,
        };
        let meta = Tenant {
            id: new_id - 1,
            name: format!("META${new_id}"),
            tenant_type: TenantType::Meta,
            mode: CompatMode::MySql,
            ..tenant.clone()
        };
        tenant.role = "RESTORE".into();
        self.tenants.push(meta);
        self.tenants.push(tenant);
        crate::order::sort_by_key(&mut self.tenants, |t| t.id);
        let storage = self.storage.get(&plan.backup_tenant_id).cloned();
        let tablet_count = storage.as_ref().map_or(0, |s| s.tablets.len() as u64);
        let ls_count = storage.as_ref().map_or(0, |s| s.log_streams.len() as u64);
        let total_bytes = storage
            .as_ref()
            .map_or(0, |s| s.block_count() as u64 * MACRO_BLOCK_SIZE);
        self.restore.last_job_id += 1;
        let job_id = self.restore.last_job_id;
        let set_list: Vec<String> = plan
            .sets
            .iter()
            .map(|s| format!("{}/{}", s.path, s.dir_name()))
            .collect();
        let delay = self.rng.range(Stream::Durations, SECOND, 2 * SECOND);
        self.restore.jobs.push(RestoreJob {
            job_id,
            restore_tenant_name: req.tenant_name.clone(),
            restore_tenant_id: new_id,
            backup_tenant_name: source.name.clone(),
            backup_tenant_id: source.id,
            backup_cluster_name: "obcluster".into(),
            backup_dest: req.uris.join(","),
            restore_option: req.options.clone(),
            restore_type: "FULL".into(),
            restore_scn: plan.restore_scn,
            status: RestoreStatus::CreateTenant,
            start_ts: now,
            finish_ts: 0,
            backup_set_list: set_list.join(","),
            backup_piece_list: plan.pieces.join(","),
            backup_cluster_version: 17_180_067_840, // 4.3.3.0 as OceanBase encodes it
            ls_count,
            finish_ls_count: 0,
            tablet_count,
            finish_tablet_count: 0,
            total_bytes,
            finish_bytes: 0,
            consistent_scn: plan.sets.last().map_or(0, |s| s.min_restore_scn),
            recover_scn: 0,
            description: req.description.clone(),
            comment: String::new(),
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
        self.schedule(now + delay, Event::RestoreStep { job_id });
        Ok(job_id)
    }

    pub(crate) fn step_restore(&mut self, job_id: u64) {
        let now = self.now();
        let Some(pos) = self.restore.jobs.iter().position(|j| j.job_id == job_id) else {
            return;
        };
        let job = self.restore.jobs[pos].clone();
        if now < job.phase_until {
            self.schedule(job.phase_until, Event::RestoreStep { job_id });
            return;
        }
        let phase = self.rng.range(Stream::Durations, SECOND, 3 * SECOND);
        let mut next = job.clone();
        next.phase_until = now + phase;
        match job.status {
            RestoreStatus::CreateTenant => next.status = RestoreStatus::RestorePre,
            RestoreStatus::RestorePre => next.status = RestoreStatus::RestoreCreateInitLs,
            RestoreStatus::RestoreCreateInitLs => {
                next.status = RestoreStatus::RestoreWaitLs;
                next.phase_until = now;
            }
            RestoreStatus::RestoreWaitLs => {
                let copied = RESTORE_BYTES_PER_SEC.saturating_mul(SECOND) / SECOND;
                next.finish_bytes = (job.finish_bytes + copied).min(job.total_bytes);
                next.finish_tablet_count = (job.tablet_count * next.finish_bytes)
                    .checked_div(job.total_bytes)
                    .unwrap_or(job.tablet_count);
                next.phase_until = now + SECOND;
                if next.finish_bytes >= job.total_bytes {
                    next.finish_ls_count = job.ls_count;
                    next.recover_scn = job.consistent_scn;
                    next.status = RestoreStatus::WaitRestoreToConsistentScn;
                    next.phase_until = now + phase;
                }
            }
            RestoreStatus::WaitRestoreToConsistentScn => {
                next.recover_scn = job.restore_scn;
                next.status = RestoreStatus::PostCheck;
            }
            RestoreStatus::PostCheck => {
                self.restore.jobs[pos] = next;
                self.finish_restore(job_id, true);
                return;
            }
            RestoreStatus::RestoreSuccess | RestoreStatus::RestoreFail => return,
        }
        let wake = next.phase_until;
        self.restore.jobs[pos] = next;
        self.schedule(wake, Event::RestoreStep { job_id });
    }

    /// Success: the tenant gets the source's blocks as of the restore SCN and becomes a
    /// STANDBY (to be activated); failure or cancel: the restoring tenant is dropped.
    fn finish_restore(&mut self, job_id: u64, success: bool) {
        let now = self.now();
        let Some(pos) = self.restore.jobs.iter().position(|j| j.job_id == job_id) else {
            return;
        };
        let mut job = self.restore.jobs.remove(pos);
        job.finish_ts = now;
        job.succeeded = success;
        job.status = if success {
            RestoreStatus::RestoreSuccess
        } else {
            RestoreStatus::RestoreFail
        };
        let id = job.restore_tenant_id;
        if success {
            self.sync_storage(job.backup_tenant_id);
            if let Some(src) = self.storage.get(&job.backup_tenant_id) {
                let mut restored = src.clone();
                restored.last_write_scn = src.blocks_as_of(job.restore_scn);
                restored.truncate_history(job.restore_scn);
                restored.sql_log_bytes = 0;
                restored.inherited_log_bytes = restored.log_bytes(now);
                self.storage.insert(id, restored);
            }
            if let Some(src) = self.user_data.get(&job.backup_tenant_id) {
                let mode = self.tenant(id).map_or(CompatMode::MySql, |t| t.mode);
                let restored =
                    src.as_of(job.restore_scn, &crate::userdata::UserData::for_mode(mode));
                self.user_data.insert(id, restored);
            }
            self.archive.insert(id, Default::default());
            self.backup.insert(id, Default::default());
            for t in self
                .tenants
                .iter_mut()
                .filter(|t| t.id == id || t.id == id - 1)
            {
                t.status = TenantStatus::Normal;
                t.role = if t.id == id {
                    "STANDBY".into()
                } else {
                    "PRIMARY".into()
                };
            }
        } else {
            self.tenants.retain(|t| t.id != id && t.id != id - 1);
            self.user_data.remove(&id);
        }
        let ev = if success {
            "restore_success"
        } else {
            "restore_failed"
        };
        self.rs_event(
            "physical_restore",
            ev,
            SYS_TENANT_ID,
            0,
            format!("tenant={}", job.restore_tenant_name),
        );
        self.restore.history.push(job);
    }

    /// `ALTER SYSTEM CANCEL RESTORE name` (§1.9).
    pub fn cancel_restore(&mut self, name: &str) -> ObResult<()> {
        let Some(t) = self.tenant_by_name(name) else {
            return Err(ObError::unknown_tenant(name));
        };
        let id = t.id;
        let Some(job) = self.restore.jobs.iter().find(|j| j.restore_tenant_id == id) else {
            return Err(ObError::op_not_allow("Cancel tenant not in restore is"));
        };
        let job_id = job.job_id;
        if let Some(j) = self.restore.jobs.iter_mut().find(|j| j.job_id == job_id) {
            j.comment = "canceled by user".into();
        }
        self.finish_restore(job_id, false);
        Ok(())
    }

    /// `ALTER SYSTEM ACTIVATE STANDBY TENANT = name`: a restored standby becomes PRIMARY.
    pub fn activate_standby(&mut self, name: &str) -> ObResult<()> {
        let Some(t) = self
            .tenants
            .iter_mut()
            .find(|t| t.name.eq_ignore_ascii_case(name))
        else {
            return Err(ObError::unknown_tenant(name));
        };
        if t.role != "STANDBY" {
            return Err(ObError::op_not_allow(
                "activate a tenant that is not standby is",
            ));
        }
        t.role = "PRIMARY".into();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::scheduler::BackupRequest;
    use crate::backup::{Encryption, passwd_digest};
    use crate::session_log::ClusterOptions;
    use crate::sim::MINUTE;

    const MYSQL: u64 = 1002;
    const DATA: &str = "file:///backup/data";
    const ARCH: &str = "file:///backup/archive";

    fn full(encryption: Encryption) -> BackupRequest {
        BackupRequest {
            backup_type: BackupType::Full,
            plus_archivelog: false,
            description: String::new(),
            encryption,
        }
    }

    fn idle(c: &mut Cluster) {
        for _ in 0..3000 {
            if c.backup[&MYSQL].jobs.is_empty() && c.restore.jobs.is_empty() {
                return;
            }
            c.advance(SECOND);
        }
        panic!("did not finish");
    }

    /// Archive DOING, a full backup, then more writes, then an incremental.
    fn backed_up(encryption: Encryption) -> Cluster {
        let mut c = Cluster::with_options(
            5,
            ClusterOptions {
                macro_blocks_per_tenant: 1024,
                workload_rate: 30,
            },
        );
        c.set_log_archive_dest(MYSQL, &format!("LOCATION={ARCH}"))
            .unwrap();
        c.set_data_backup_dest(MYSQL, DATA).unwrap();
        c.set_archive_mode(MYSQL, true).unwrap();
        c.params
            .set(MYSQL, "log_archive_checkpoint_interval", "5s".into());
        c.advance(20 * SECOND);
        c.start_tenant_backup(MYSQL, &full(encryption.clone()))
            .unwrap();
        idle(&mut c);
        c.advance(MINUTE);
        c.start_tenant_backup(
            MYSQL,
            &BackupRequest {
                backup_type: BackupType::Inc,
                ..full(encryption)
            },
        )
        .unwrap();
        idle(&mut c);
        c.advance(MINUTE);
        c
    }

    fn request(name: &str, until: Option<u64>) -> RestoreRequest {
        RestoreRequest {
            tenant_name: name.into(),
            uris: vec![DATA.into(), ARCH.into()],
            until_scn: until,
            options: "pool_list=restore_pool".into(),
            ..RestoreRequest::default()
        }
    }

    #[test]
    fn restore_to_an_scn_rebuilds_the_source_blocks_as_of_that_scn() {
        let mut c = backed_up(Encryption::default());
        let inc = c.backup[&MYSQL].set(2).unwrap().clone();
        let target = inc.min_restore_scn + 20 * SECOND * 1000;
        let plan = c
            .plan_restore(&[DATA.into(), ARCH.into()], Some(target))
            .unwrap();
        assert_eq!(
            plan.sets
                .iter()
                .map(|s| s.backup_set_id)
                .collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(plan.pieces, [format!("{ARCH}/piece_d1001r1p1")]);
        c.start_restore(&request("mysql_r", Some(target))).unwrap();
        let t = c.tenant_by_name("mysql_r").unwrap().clone();
        assert_eq!(
            (t.id, t.status, t.role.as_str()),
            (1006, TenantStatus::Restore, "RESTORE")
        );
        assert_eq!(c.tenant(1005).unwrap().name, "META$1006");
        assert_eq!(c.restore.jobs[0].status.progress_str(), "CREATE_TENANT");
        idle(&mut c);
        let h = c.restore.history.last().unwrap();
        assert!(h.succeeded);
        assert_eq!(
            h.backup_set_list,
            format!("{DATA}/backup_set_1_full,{DATA}/backup_set_2_inc")
        );
        let t = c.tenant_by_name("mysql_r").unwrap();
        assert_eq!(
            (t.status, t.role.as_str()),
            (TenantStatus::Normal, "STANDBY")
        );
        assert_eq!(
            c.storage[&1006].last_write_scn,
            c.storage[&MYSQL].blocks_as_of(target)
        );
        assert_ne!(
            c.storage[&1006].last_write_scn, c.storage[&MYSQL].last_write_scn,
            "later writes are not restored"
        );
        c.activate_standby("mysql_r").unwrap();
        assert_eq!(c.tenant_by_name("mysql_r").unwrap().role, "PRIMARY");
    }

    #[test]
    fn restore_without_until_goes_to_the_newest_archived_point() {
        let mut c = backed_up(Encryption::default());
        let plan = c.plan_restore(&[DATA.into(), ARCH.into()], None).unwrap();
        assert_eq!(
            plan.restore_scn,
            c.archive[&MYSQL].round.as_ref().unwrap().checkpoint_scn
        );
        c.start_restore(&request("r2", None)).unwrap();
        idle(&mut c);
        assert!(c.restore.history[0].succeeded);
    }

    #[test]
    fn restore_errors_follow_the_reference() {
        let mut c = backed_up(Encryption::default());
        let err = |c: &mut Cluster, r: RestoreRequest| c.start_restore(&r).unwrap_err().to_string();
        assert_eq!(
            err(&mut c, request("mysql_tenant", None)),
            "ERROR 4179 (HY000): restore tenant with existed tenant name is not allowed"
        );
        let before_full = c.backup[&MYSQL].set(1).unwrap().min_restore_scn - 1;
        assert_eq!(
            err(&mut c, request("r", Some(before_full))),
            "ERROR 9119 (HY000): no backup set is available"
        );
        let beyond = c.current_scn() + 3_600 * SECOND * 1000;
        assert_eq!(
            err(&mut c, request("r", Some(beyond))),
            "ERROR 9119 (HY000): No enough log for restore"
        );
        let mut r = request("r", None);
        r.uris = vec![DATA.into()];
        assert_eq!(err(&mut c, r), "ERROR 9119 (HY000): no usable log pieces");
        let mut r = request("r", None);
        r.uris = vec!["nfs://x".into()];
        assert_eq!(
            err(&mut c, r),
            "ERROR 9026 (HY000): nfs://x is not a valid uri"
        );
        let mut r = request("r", None);
        r.uris = vec!["file:///nothing/here".into()];
        assert_eq!(
            err(&mut c, r),
            "ERROR 4018 (HY000): no backup set path or log piece can be used to restore"
        );
        let mut r = request("r", None);
        r.options = "primary_zone=zone1".into();
        assert_eq!(c.start_restore(&r).unwrap_err().errno, 1210);
        c.start_restore(&request("r", None)).unwrap();
        assert_eq!(
            err(&mut c, request("R", None)),
            "ERROR 4179 (HY000): restore tenant with existed tenant name is not allowed"
        );
    }

    #[test]
    fn restore_of_an_encrypted_set_needs_its_password() {
        let mut c = backed_up(Encryption {
            passwd_digest: Some(passwd_digest("secret")),
        });
        assert_eq!(
            c.start_restore(&request("r", None)).unwrap_err().errno,
            9047
        );
        let mut r = request("r", None);
        r.decryption_digests = vec![passwd_digest("wrong"), passwd_digest("secret")];
        assert!(c.start_restore(&r).is_ok());
    }

    #[test]
    fn cancel_restore_drops_the_restoring_tenant() {
        let mut c = backed_up(Encryption::default());
        assert_eq!(
            c.cancel_restore("nosuch").unwrap_err().to_string(),
            "ERROR 5157 (HY000): Unknown tenant 'nosuch'"
        );
        assert_eq!(
            c.cancel_restore("mysql_tenant").unwrap_err().to_string(),
            "ERROR 4179 (HY000): Cancel tenant not in restore is not allowed"
        );
        c.start_restore(&request("r", None)).unwrap();
        c.advance(2 * SECOND);
        c.cancel_restore("r").unwrap();
        assert!(c.tenant_by_name("r").is_none() && c.tenant(1005).is_none());
        assert!(!c.restore.history[0].succeeded);
        c.advance(MINUTE); // a stale restore step must do nothing
        assert!(c.tenant_by_name("r").is_none());
    }
}
