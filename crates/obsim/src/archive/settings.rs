//! The statements that change a tenant's archive settings: LOG_ARCHIVE_DEST, its state, and
//! ARCHIVELOG / NOARCHIVELOG (§1.6.1, §5.1). They change the archive's settings and wake its
//! scheduler; the rounds themselves move in `TenantArchive::tick`.

use super::{DestState, LogMode, parse_log_archive_dest};
use crate::cluster::Cluster;
use crate::error::{ObError, ObResult};
use crate::medium::DestType;

impl Cluster {
    /// `ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=...'` for one user tenant (§1.6.1).
    ///
    /// An empty value (exactly `''`) clears the destination, as OceanBase allows
    /// (`ObLogArchiveDestConfigParser::parse_from`: "allow set empty archive dest"; the update
    /// then deletes the dest's rows): DBA_OB_ARCHIVE_DEST empties, while LOG_MODE, past rounds
    /// and pieces, the format file and the DEST_ID of the path stay. Like any change of the
    /// dest it is refused while a round is under way. A value of blanks is not empty: it is a
    /// dest without a location.
    pub fn set_log_archive_dest(&mut self, tenant_id: u64, value: &str) -> ObResult<()> {
        let running = self.archive.get(&tenant_id).is_some_and(|a| a.is_running());
        let refuse =
            || ObError::not_supported_text("change archive dest when archive is running is");
        if value.is_empty() {
            if running {
                return Err(refuse());
            }
            if let Some(a) = self.archive.get_mut(&tenant_id) {
                a.dest = None;
            }
            self.wake_archive();
            return Ok(());
        }
        let mut dest = parse_log_archive_dest(value)?;
        if running {
            return Err(refuse());
        }
        self.check_format(tenant_id, &dest.path, DestType::Archive)?;
        dest.dest_id = self.tenant_backup_mut(tenant_id).dest_id_for(&dest.path);
        let path = dest.path.clone();
        self.archive.entry(tenant_id).or_default().dest = Some(dest);
        self.write_dest_files(tenant_id, &path, DestType::Archive);
        self.wake_archive();
        Ok(())
    }

    /// `ALTER SYSTEM SET LOG_ARCHIVE_DEST_STATE = 'ENABLE' | 'DEFER'`.
    pub fn set_log_archive_dest_state(&mut self, tenant_id: u64, value: &str) -> ObResult<()> {
        let state = match value.to_ascii_uppercase().as_str() {
            "ENABLE" => DestState::Enable,
            "DEFER" => DestState::Defer,
            _ => return Err(ObError::invalid_argument_plain()),
        };
        match self
            .archive
            .get_mut(&tenant_id)
            .and_then(|a| a.dest.as_mut())
        {
            Some(d) => {
                d.state = state;
                self.wake_archive();
                Ok(())
            }
            None => Err(ObError::not_supported_text(
                "set archive dest state without dest is",
            )),
        }
    }

    /// `ALTER SYSTEM ARCHIVELOG` / `NOARCHIVELOG` for one tenant (§5.1): only flips LOG_MODE;
    /// the archive scheduler opens or stops the round on its next pass.
    pub fn set_archive_mode(&mut self, tenant_id: u64, enable: bool) -> ObResult<()> {
        if !self
            .tenant(tenant_id)
            .is_some_and(|t| t.is_normal() && t.is_user())
        {
            return Err(ObError::cannot_start_log_archive());
        }
        let archive = self.archive.entry(tenant_id).or_default();
        let (want, err) = if enable {
            (LogMode::ArchiveLog, ObError::already_archivelog())
        } else {
            (LogMode::NoArchiveLog, ObError::already_noarchivelog())
        };
        if archive.log_mode == want {
            return Err(err);
        }
        archive.log_mode = want;
        let event = if enable {
            "open_archive_mode"
        } else {
            "close_archive_mode"
        };
        self.rs_event("log_archive", event, tenant_id, 0, String::new());
        self.wake_archive();
        Ok(())
    }
}
