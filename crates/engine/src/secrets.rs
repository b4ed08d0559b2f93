//! Where storage secrets (access keys) live: the OS keyring, or, where no
//! keyring service runs, this session's memory, asked again next session.
//!
//! Secrets never reach the cache, logs, errors or IPC replies: strategies hold
//! a [`SecretRef`] (the keyring account) and the secret is read when a URI is
//! built. Keyring calls block (D-Bus round trips): call them off the async
//! workers, e.g. with `tokio::task::spawn_blocking`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use desk_model::{words, SecretRef, StorageSecret, Words};

/// The keyring service name every desk secret is filed under.
pub const KEYRING_SERVICE: &str = "com.obbackupdesk.app";

/// Shown when secrets are kept for the session only (in English, for the log).
pub const NO_KEYRING_REASON: &str = "no keyring service: the desk asks for it each session";

/// [`NO_KEYRING_REASON`] in every language, for the UI.
pub fn no_keyring_reason() -> Words {
    Words::new(NO_KEYRING_REASON, "没有可用的密钥环服务：桌面端会在每次会话中重新询问")
}

/// Why a secret could not be read or written. The message never carries the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SecretError {
    /// `SECRET_STORE_UNAVAILABLE` or `SECRET_STORE_FAILED`.
    pub code: &'static str,
    /// In every language; `Display` is English.
    pub message: Words,
}

pub trait SecretStore: Send + Sync {
    /// `None` when no secret is stored under `account` (the UI asks for it).
    fn get(&self, account: &SecretRef) -> Result<Option<StorageSecret>, SecretError>;
    fn set(&self, account: &SecretRef, secret: &StorageSecret) -> Result<(), SecretError>;
    /// Deleting what is not there succeeds.
    fn delete(&self, account: &SecretRef) -> Result<(), SecretError>;
}

/// Which store the desk uses, for the UI to say.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum SecretBackend {
    Keyring,
    /// Memory of this session; `reason` says why, for the UI.
    Session {
        reason: Words,
    },
}

/// The OS keyring (Secret Service on Linux, Keychain, Credential Manager).
pub struct KeyringSecrets {
    service: String,
}

impl KeyringSecrets {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, account: &SecretRef) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, account.as_str()).map_err(keyring_error)
    }
}

/// Maps a keyring error to a code, without the platform's text about the secret.
fn keyring_error(e: keyring::Error) -> SecretError {
    let (code, what) = match &e {
        keyring::Error::NoStorageAccess(_) | keyring::Error::NoDefaultStore => (
            "SECRET_STORE_UNAVAILABLE",
            words!("the keyring cannot be reached", "无法访问操作系统密钥环"),
        ),
        keyring::Error::PlatformFailure(_) => (
            "SECRET_STORE_UNAVAILABLE",
            words!("the keyring service failed", "操作系统密钥环服务出错"),
        ),
        keyring::Error::TooLong(..) => (
            "SECRET_STORE_FAILED",
            words!(
                "the secret or its name is too long for the keyring",
                "密钥或其名称过长，操作系统密钥环无法保存"
            ),
        ),
        keyring::Error::BadEncoding(_) | keyring::Error::BadDataFormat(..) => (
            "SECRET_STORE_FAILED",
            words!("the stored secret is not text", "已保存的密钥不是文本"),
        ),
        _ => (
            "SECRET_STORE_FAILED",
            words!("the keyring refused the request", "操作系统密钥环拒绝了该请求"),
        ),
    };
    // Platform errors describe the service (D-Bus names, paths), never the secret
    // value; only the kind is kept, in the log.
    tracing::warn!(error = %e, "keyring");
    SecretError { code, message: what }
}

impl SecretStore for KeyringSecrets {
    fn get(&self, account: &SecretRef) -> Result<Option<StorageSecret>, SecretError> {
        match self.entry(account)?.get_password() {
            Ok(s) => Ok(Some(StorageSecret::new(s))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        }
    }

    fn set(&self, account: &SecretRef, secret: &StorageSecret) -> Result<(), SecretError> {
        self.entry(account)?
            .set_password(secret.expose())
            .map_err(keyring_error)
    }

    fn delete(&self, account: &SecretRef) -> Result<(), SecretError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        }
    }
}

/// Secrets kept in memory for this session only.
#[derive(Default)]
pub struct SessionSecrets {
    secrets: Mutex<HashMap<String, StorageSecret>>,
}

impl SessionSecrets {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, StorageSecret>> {
        self.secrets.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecretStore for SessionSecrets {
    fn get(&self, account: &SecretRef) -> Result<Option<StorageSecret>, SecretError> {
        Ok(self.map().get(account.as_str()).cloned())
    }

    fn set(&self, account: &SecretRef, secret: &StorageSecret) -> Result<(), SecretError> {
        self.map().insert(account.as_str().to_owned(), secret.clone());
        Ok(())
    }

    fn delete(&self, account: &SecretRef) -> Result<(), SecretError> {
        self.map().remove(account.as_str());
        Ok(())
    }
}

/// Picks the store at start: the keyring when a read of a probe account
/// reaches the service (found or not), else this session's memory.
pub fn probe(service: &str) -> (Arc<dyn SecretStore>, SecretBackend) {
    let keyring = KeyringSecrets::new(service);
    let probe = SecretRef::parse("desk-probe").expect("a valid account name");
    match keyring.get(&probe) {
        Ok(_) => (Arc::new(keyring), SecretBackend::Keyring),
        Err(e) => {
            tracing::info!(code = e.code, "{NO_KEYRING_REASON}");
            (
                Arc::new(SessionSecrets::default()),
                SecretBackend::Session {
                    reason: no_keyring_reason(),
                },
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(s: &str) -> SecretRef {
        SecretRef::parse(s).unwrap()
    }

    #[test]
    fn the_session_store_keeps_secrets_until_deleted() {
        let store = SessionSecrets::default();
        let a = account("storage:oss-hz");
        assert_eq!(store.get(&a).unwrap(), None);
        store.set(&a, &StorageSecret::new("k1")).unwrap();
        store.set(&account("storage:other"), &StorageSecret::new("k2")).unwrap();
        assert_eq!(store.get(&a).unwrap().unwrap().expose(), "k1");
        store.set(&a, &StorageSecret::new("k3")).unwrap();
        assert_eq!(store.get(&a).unwrap().unwrap().expose(), "k3");
        store.delete(&a).unwrap();
        store.delete(&a).unwrap();
        assert_eq!(store.get(&a).unwrap(), None);
        assert_eq!(store.get(&account("storage:other")).unwrap().unwrap().expose(), "k2");
    }

    #[test]
    fn without_a_session_bus_the_desk_falls_back_and_says_why() {
        // This machine (and CI) runs no Secret Service; a desktop does.
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS");
        let (store, backend) = probe("com.obbackupdesk.test");
        match backend {
            SecretBackend::Session { reason } => {
                assert_eq!(reason.en, NO_KEYRING_REASON);
                assert_ne!(reason.zh, reason.en);
                let a = account("storage:x");
                store.set(&a, &StorageSecret::new("s")).unwrap();
                assert_eq!(store.get(&a).unwrap().unwrap().expose(), "s");
            }
            SecretBackend::Keyring => assert!(bus.is_some(), "the keyring answered without a session bus"),
        }
    }

    #[test]
    fn a_secret_never_prints() {
        let s = StorageSecret::new("Pl4nted");
        assert!(!format!("{s:?}").contains("Pl4nted"));
        let e = keyring_error(keyring::Error::NoEntry);
        assert!(!e.to_string().contains("Pl4nted"));
    }
}
