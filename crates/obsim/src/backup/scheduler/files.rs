//! What the backup writes to and checks on the medium: a destination's format and check files
//! (§1.6.1) and the files a backup set leaves (§2.11). `crate::medium` is the medium itself.
//!
//! Invariant: a destination holds only one tenant's files of one type (data or archive): a
//! directory is used only if it is empty or its format file says so.

use crate::backup::{BackupJob, BackupTask};
use crate::calendar::time_tag;
use crate::cluster::Cluster;
use crate::error::{ObError, ObResult};
use crate::medium::{DestType, FormatFile, join};
use crate::sim::micros_of_scn;

/// Destination and set files: the format-file check and the files a destination and a set
/// write to the medium.
impl Cluster {
    /// A destination must be empty or hold this tenant's format file of the same type (9080 /
    /// 9081, 4.3.3 texts).
    pub(crate) fn check_format(&self, tenant_id: u64, path: &str, ty: DestType) -> ObResult<()> {
        if self.medium.is_unreachable(path) {
            return Err(ObError::backup_dest_not_connect());
        }
        match self.medium.format_of(path) {
            Some(f) if f.tenant_id == tenant_id && f.dest_type == ty => Ok(()),
            Some(_) => Err(ObError::format_file_not_match()),
            None if !self.medium.is_empty_dir(path) => Err(ObError::format_file_not_exist()),
            None => Ok(()),
        }
    }

    pub(crate) fn write_dest_files(&mut self, tenant_id: u64, path: &str, ty: DestType) {
        if self.medium.format_of(path).is_none() {
            self.medium.write_format(
                path,
                FormatFile {
                    tenant_id,
                    dest_type: ty,
                },
            );
        }
        let tag = time_tag(self.now());
        let ext = if ty == DestType::Data {
            "obbak"
        } else {
            "obarc"
        };
        self.medium.write(
            join(
                path,
                &format!("check_file/{tenant_id}_connect_file_{tag}.{ext}"),
            ),
            64,
        );
    }

    /// The marker a set writes when its task is created: `backup_sets/<set>_start.obbak`.
    pub(super) fn write_set_start_file(&mut self, job: &BackupJob) {
        let name = format!(
            "backup_set_{}_{}",
            job.backup_set_id,
            job.backup_type.dir_word()
        );
        self.medium.write(
            join(&job.path, &format!("backup_sets/{name}_start.obbak")),
            256,
        );
    }

    /// What a set leaves on the medium when it ends (§2.11).
    pub(super) fn write_set_files(
        &mut self,
        tenant_id: u64,
        set_id: u64,
        task: &BackupTask,
        success: bool,
    ) {
        let Some(set) = self
            .tenant_backup(tenant_id)
            .and_then(|b| b.set(set_id))
            .cloned()
        else {
            return;
        };
        let root = set.path.clone();
        let name = set.dir_name();
        let end_tag = time_tag(micros_of_scn(task.end_scn.max(task.start_scn)));
        let outcome = if success { "success" } else { "failed" };
        self.medium.write(
            join(
                &root,
                &format!("backup_sets/{name}_end_{outcome}_{end_tag}.obbak"),
            ),
            256,
        );
        let dir = join(&root, &name);
        if success {
            let start_tag = time_tag(micros_of_scn(task.start_scn));
            self.medium.write(
                join(&dir, &format!("{name}_{start_tag}_{end_tag}.obbak")),
                256,
            );
            for f in [
                "single_backup_set_info.obbak",
                "tenant_backup_set_infos.obbak",
                "infos/diagnose_info.obbak",
                "infos/locality_info.obbak",
                "infos/meta_info/ls_attr_info.1.obbak",
                "infos/meta_info/ls_meta_infos.obbak",
            ] {
                self.medium.write(join(&dir, f), 4096);
            }
            self.medium.write(
                join(
                    &dir,
                    &format!("infos/table_list/table_list.{}.1.obbak", task.end_scn),
                ),
                4096,
            );
            for kind in ["major", "minor"] {
                for f in [
                    "tablet_log_stream_info.obbak",
                    &format!("tenant_{kind}_data_macro_range_index.0.obbak"),
                    &format!("tenant_{kind}_data_meta_index.0.obbak"),
                    &format!("tenant_{kind}_data_sec_meta_index.0.obbak"),
                ] {
                    self.medium.write(
                        join(&dir, &format!("infos/{kind}_data_info_turn_1/{f}")),
                        8192,
                    );
                }
            }
            if set.plus_archivelog {
                self.medium
                    .write(join(&dir, "complement_log/format.obbak"), 512);
            }
        }
        // Data files per log stream, each up to backup_data_file_size.
        let ls_ids: Vec<u64> = self
            .storage
            .get(&tenant_id)
            .map(|s| s.log_streams.iter().map(|l| l.ls_id).collect())
            .unwrap_or_default();
        let file_size = self
            .params
            .get_capacity(tenant_id, "backup_data_file_size")
            .max(1);
        let per_ls = task.copy.output_bytes / ls_ids.len().max(1) as u64;
        for ls in ls_ids {
            let ls_dir = join(&dir, &format!("logstream_{ls}"));
            self.medium.write(
                join(&ls_dir, "meta_info_turn_1_retry_0/ls_meta_info.obbak"),
                4096,
            );
            self.medium.write(
                join(&ls_dir, "meta_info_turn_1_retry_0/tablet_info.1.obbak"),
                4096,
            );
            let data_dir = if ls == 1 {
                "sys_data_turn_1_retry_0"
            } else {
                "major_data_turn_1_retry_0"
            };
            let files = per_ls.div_ceil(file_size).max(1);
            for n in 0..files {
                let size = if n + 1 == files {
                    per_ls - n * file_size
                } else {
                    file_size
                };
                self.medium.write(
                    join(&ls_dir, &format!("{data_dir}/macro_block_data.{n}.obbak")),
                    size,
                );
            }
            for f in [
                "macro_range_index.obbak",
                "meta_index.obbak",
                "sec_meta_index.obbak",
            ] {
                self.medium
                    .write(join(&ls_dir, &format!("{data_dir}/{f}")), 8192);
            }
        }
    }
}
